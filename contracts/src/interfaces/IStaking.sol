// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice What the other contracts need from the Staking contract.
interface IStaking {
    function selectionCandidates(uint32 targetEpoch) external returns (uint32[] memory nodeIds, uint256[] memory stakes);
    function nodeVotes(uint32[] calldata nodeIds)
        external
        view
        returns (uint256[] memory storagePrices, uint256[] memory writePrices, uint256[] memory capacities);
    function onEpochChange(
        uint32 newEpoch,
        uint32[] calldata rewardedNodes,
        uint256[] calldata rewards,
        uint32[] calldata newCommittee
    ) external returns (uint256 committeeStake);
    function slash(uint32 nodeId, uint16 fractionBps) external returns (uint256 burned);
    function setActiveSetSize(uint16 size) external;
    function createPool(
        uint32 nodeId,
        uint16 commissionBps,
        uint64 storagePriceVote,
        uint64 writePriceVote,
        uint64 capacityVote
    ) external;
    function poolActiveStake(uint32 nodeId) external view returns (uint256);
    function positionVotingStake(uint256 tokenId) external view returns (uint32 nodeId, uint256 stake);
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice What the other contracts need from the Staking contract.
interface IStaking {
    /// @notice System only: active-set nodes and their stake for the target epoch.
    function selectionCandidates(uint32 targetEpoch) external returns (uint32[] memory nodeIds, uint256[] memory stakes);
    /// @notice Price and capacity votes of several nodes.
    function nodeVotes(uint32[] calldata nodeIds)
        external
        view
        returns (uint256[] memory storagePrices, uint256[] memory writePrices, uint256[] memory capacities);
    /// @notice System only: credits the ended epoch rewards and advances the new committee pools.
    function onEpochChange(
        uint32 newEpoch,
        uint32[] calldata rewardedNodes,
        uint256[] calldata rewards,
        uint32[] calldata newCommittee
    ) external returns (uint256 committeeStake);
    /// @notice Slashing only: burns a fraction of a pool.
    function slash(uint32 nodeId, uint16 fractionBps) external returns (uint256 burned);
    /// @notice Governance only: the active-set size.
    function setActiveSetSize(uint16 size) external;
    /// @notice NodeRegistry only: creates a new node pool.
    function createPool(
        uint32 nodeId,
        uint16 commissionBps,
        uint64 storagePriceVote,
        uint64 writePriceVote,
        uint64 capacityVote
    ) external;
    /// @notice A pool active stake in the current epoch.
    function poolActiveStake(uint32 nodeId) external view returns (uint256);
    /// @notice The stake a position votes with this epoch.
    function positionVotingStake(uint256 tokenId) external view returns (uint32 nodeId, uint256 stake, uint64 createdAt);
    /// @notice Principal of all positions that are not withdrawing.
    function totalStake() external view returns (uint256);
    /// @notice NodeRegistry only: the node deregistered.
    function deregisterPool(uint32 nodeId) external;
}

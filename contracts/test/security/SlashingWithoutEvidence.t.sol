// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Slashing} from "../../src/Slashing.sol";
import {Governance} from "../../src/Governance.sol";

/// @dev Stands for the storage-challenge contract of a later issue: the evidence source.
contract ChallengeStub {
    Slashing private immutable _slashing;

    constructor(Slashing slashing_) {
        _slashing = slashing_;
    }

    function fail(uint32 nodeId, uint32 epoch) external {
        _slashing.recordFailure(nodeId, epoch, 1, keccak256(abi.encode("challenge", nodeId, epoch)));
    }
}

/// @notice Issue 8, finding 4: a bare 2f+1 vote burned delegators' principal of any registered node, once
///         per epoch without a total cap, and 2/3 of stake could raise the fraction to 90 %. Now slashing
///         needs an on-chain failure record from a governance-named evidence source, reaches only the
///         current and previous committee, burns at most 10 % per epoch and at most 3 times per node.
contract SlashingWithoutEvidenceTest is WalrusTestBase {
    ChallengeStub internal challenges;

    function setUp() public override {
        super.setUp();
        _bootstrap(4);
        challenges = new ChallengeStub(slashing);
    }

    function _voteQuorum(uint32 target) private {
        for (uint32 voter = 1; voter <= 4; ++voter) {
            if (voter == target) continue;
            vm.prank(_ownerFor(voter));
            slashing.voteForSlashing(voter, target);
        }
    }

    function _allowChallenges() private {
        vm.prank(_ownerFor(1));
        uint256 id = governance.proposeEvidenceSource(1, address(challenges), true);
        _voteAllAndExecute(id);
        assertTrue(slashing.isEvidenceSource(address(challenges)));
    }

    function test_attack_bare_quorum_vote_cannot_slash() public {
        uint256 stake = staking.poolInfo(4).activeStake;
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingNoEvidence.selector, uint32(4)));
        slashing.voteForSlashing(1, 4);
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingNoEvidence.selector, uint32(4)));
        slashing.executeSlashing(4);
        vm.prank(_ownerFor(1)); // committee members cannot make up evidence themselves
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingNotEvidenceSource.selector, _ownerFor(1)));
        slashing.recordFailure(4, 1, 1, keccak256("made up"));
        assertEq(staking.poolInfo(4).activeStake, stake);
    }

    function test_attack_node_outside_the_recent_committees_cannot_be_slashed() public {
        _allowChallenges(); // epoch 4 now
        uint32 outsider = _registerNode();
        _stake(alice, outsider, 10 * WAL_UNIT); // a delegator's stake, never in a committee yet
        uint32 epoch = _currentEpoch();
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingNotInCommittee.selector, outsider, epoch));
        challenges.fail(outsider, epoch);
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingEpochOutOfRange.selector, uint32(1)));
        challenges.fail(4, 1); // too old
    }

    function test_attack_fraction_cannot_be_raised_to_90_percent() public {
        uint8 param = governance.PARAM_SLASH_FRACTION();
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceInvalidValue.selector, param, uint256(9000)));
        _proposeParameter(param, 9000);
        vm.prank(address(governance));
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingInvalidFraction.selector, uint16(9000)));
        slashing.setSlashFraction(9000);
    }

    function test_attack_repeated_slashing_is_capped_in_total() public {
        _allowChallenges();
        uint256 principal = staking.poolInfo(4).activeStake;
        for (uint256 k; k < 5; ++k) {
            challenges.fail(4, _currentEpoch());
            _voteQuorum(4);
            if (k < slashing.MAX_SLASHINGS_PER_NODE()) {
                slashing.executeSlashing(4);
            } else {
                vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingLimitReached.selector, uint32(4)));
                slashing.executeSlashing(4);
            }
            _nextEpoch();
        }
        // At most 1 - 0.9^3 of the pool was burned (rewards only add to it).
        assertGe(staking.poolInfo(4).activeStake, principal * 729 / 1000);
    }

    function test_legitimate_slashing_with_evidence_burns_ten_percent_once_per_epoch() public {
        _allowChallenges();
        uint32 epoch = _currentEpoch();
        challenges.fail(4, epoch);
        _voteQuorum(4);
        uint256 stake = staking.poolInfo(4).activeStake;
        slashing.executeSlashing(4);
        assertEq(staking.poolInfo(4).activeStake, stake - stake / 10);
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingAlreadyExecuted.selector, uint32(4)));
        slashing.executeSlashing(4);
        _nextEpoch(); // the record of the previous epoch still counts in the next one
        _voteQuorum(4);
        slashing.executeSlashing(4);
        assertEq(slashing.slashCount(4), 2);
    }
}

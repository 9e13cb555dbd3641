// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {System} from "../../src/System.sol";

/// @notice Fuzz tests of certificate checks: any subset of the committee is accepted exactly when its
///         shards reach the quorum, and any corrupted signature is rejected.
contract CertificateFuzzTest is WalrusTestBase {
    uint256 internal constant MEMBERS = 12;

    function _shardCount() internal pure override returns (uint16) {
        return 100;
    }

    function setUp() public override {
        super.setUp();
        // Unequal stakes give unequal shard counts.
        for (uint256 i; i < MEMBERS; ++i) {
            uint32 id = _registerNode();
            _stake(_ownerFor(id), id, (1 + (i * 7) % 11) * 100_000 * WAL_UNIT);
        }
        system.votingEnd();
        system.initiateEpochChange();
    }

    function _subset(uint256 mask) private view returns (uint256[] memory indices, uint256 weight) {
        (, uint16[] memory weights,) = system.committee(1);
        uint256 count;
        for (uint256 i; i < weights.length; ++i) {
            if (mask >> i & 1 == 1) ++count;
        }
        indices = new uint256[](count);
        count = 0;
        for (uint256 i; i < weights.length; ++i) {
            if (mask >> i & 1 == 1) {
                indices[count++] = i;
                weight += weights[i];
            }
        }
    }

    function testFuzz_subsets_pass_exactly_at_quorum(uint256 mask, bytes32 digest, bool strong) public {
        mask = bound(mask, 1, (1 << MEMBERS) - 1);
        (uint256[] memory indices, uint256 weight) = _subset(mask);
        (bytes memory bitmap, bytes memory sigs) = _certificate(1, digest, indices);
        bool enough = strong ? 3 * weight >= 2 * 100 + 1 : 3 * weight >= 100 + 1;
        if (!enough) {
            vm.expectRevert(abi.encodeWithSelector(System.SystemQuorumNotReached.selector, weight, uint256(100)));
        }
        uint256 counted = system.verifyCertificate(1, digest, bitmap, sigs, strong);
        if (enough) assertEq(counted, weight);
    }

    function testFuzz_corrupted_signatures_are_rejected(uint256 mask, bytes32 digest, uint256 position, uint8 flip)
        public
    {
        mask = bound(mask, 1, (1 << MEMBERS) - 1);
        (uint256[] memory indices,) = _subset(mask);
        (bytes memory bitmap, bytes memory sigs) = _certificate(1, digest, indices);
        position = bound(position, 0, sigs.length - 1);
        if (position % 65 == 64) return; // v: a flipped v is rejected by length checks elsewhere
        sigs[position] = bytes1(uint8(sigs[position]) ^ uint8(bound(flip, 1, 255)));
        vm.expectRevert();
        system.verifyCertificate(1, digest, bitmap, sigs, false);
    }

    function testFuzz_a_signature_for_another_message_is_rejected(uint256 mask, bytes32 digest, bytes32 other) public {
        vm.assume(digest != other);
        mask = bound(mask, 1, (1 << MEMBERS) - 1);
        (uint256[] memory indices,) = _subset(mask);
        (bytes memory bitmap, bytes memory sigs) = _certificate(1, other, indices);
        vm.expectRevert(abi.encodeWithSelector(System.SystemInvalidSignature.selector, indices[0]));
        system.verifyCertificate(1, digest, bitmap, sigs, false);
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {System} from "../../src/System.sol";

/// @notice A secp256k1 signature (r, s, v) has a twin (r, n - s, v ^ 1) that recovers the same key. The
///         certificate check accepts only the low-s form, so a certificate has one encoding (no replay of a
///         certificate under another encoding, and the C# and Solidity sides agree on what is valid).
contract CertificateMalleabilityTest is WalrusTestBase {
    uint256 internal constant N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function setUp() public override {
        super.setUp();
        _bootstrap(4);
    }

    function _highS(bytes memory sig) private pure returns (bytes memory) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
        return abi.encodePacked(r, bytes32(N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
    }

    function test_attack_high_s_twin_of_a_valid_signature_is_rejected() public {
        uint256 objectId = _newBlob(alice, 1000, keccak256("m"), false, 3);
        bytes32 blobId = blobRegistry.blob(objectId).blobId;
        bytes32 digest = blobRegistry.confirmationDigest(1, blobId, 0, 0);
        uint256[] memory signers = _quorumIndices(1, true);
        (bytes memory bitmap,) = _certificate(1, digest, signers);
        (uint32[] memory ids,,) = system.committee(1);
        bytes memory sigs;
        for (uint256 j; j < signers.length; ++j) {
            bytes memory sig = _sign(signingKeyOf[ids[signers[j]]], digest);
            sigs = bytes.concat(sigs, j == 0 ? _highS(sig) : sig);
        }
        // The twin does recover the member's key...
        bytes memory twin = _highS(_sign(signingKeyOf[ids[signers[0]]], digest));
        bytes32 r;
        bytes32 s;
        assembly ("memory-safe") {
            r := mload(add(twin, 32))
            s := mload(add(twin, 64))
        }
        assertEq(ecrecover(digest, uint8(twin[64]), r, s), vm.addr(signingKeyOf[ids[signers[0]]]));
        // ...and is still refused.
        vm.expectRevert(abi.encodeWithSelector(System.SystemInvalidSignature.selector, signers[0]));
        blobRegistry.certifyBlob(objectId, 1, blobId, 0, 0, bitmap, sigs);
        vm.expectRevert(abi.encodeWithSelector(System.SystemInvalidSignature.selector, signers[0]));
        system.verifyCertificate(1, digest, bitmap, sigs, true);
    }

    function test_legitimate_low_s_certificate_is_accepted() public {
        uint256 objectId = _newBlob(alice, 1000, keccak256("m"), false, 3);
        _certifyBlob(objectId);
        (bool certified,) = blobRegistry.isCertified(objectId);
        assertTrue(certified);
    }
}

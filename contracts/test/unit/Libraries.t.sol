// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Blake2b} from "../../src/libraries/Blake2b.sol";
import {RedStuff} from "../../src/libraries/RedStuff.sol";

/// @notice Known-answer tests of Blake2b-256 (EIP-152 precompile) and the RS2 size formulas.
contract LibrariesTest is WalrusTestBase {
    function test_blake2b256_of_empty_input() public view {
        assertEq(Blake2b.hash256(""), 0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8);
    }

    function test_blake2b256_of_abc() public view {
        assertEq(Blake2b.hash256("abc"), 0xbddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319);
    }

    function test_blake2b256_at_block_boundaries() public view {
        // Reference digests from Python's hashlib.blake2b(digest_size=32).
        assertEq(Blake2b.hash256(_counting(128)), 0xc3582f71ebb2be66fa5dd750f80baae97554f3b015663c8be377cfcb2488c1d1);
        assertEq(Blake2b.hash256(_counting(129)), 0xf7f3c46ba2564ff4c4c162da1f5b605f9f1c4aa6a20652a9f9a337c1a2f5b9c9);
        bytes memory multi = bytes.concat(_counting(256), _counting(256), _counting(256));
        assertEq(Blake2b.hash256(multi), 0xb8007121274217790e2923e0ad7027986e5a99d5531ef6ae7d294140fc81615d);
    }

    /// @dev Case {shards 1000, size 1048577, seed "vec-1000-1048577"} of shared/vectors/rs2-blob-ids.json:
    ///      blobId "d4SoERFnZj6BwlP_HhbcUkUxonBrirvrB6REf7Lo_ew" = 0x7784a811...fdec, rootHash 9f5823da...8d6f.
    function test_blob_id_matches_shared_vector() public view {
        bytes32 root = 0x9f5823da1ac6db3c0ed9b01a2795070c4eae3bef441564413dd72e1d4f5a8d6f;
        bytes32 expected = 0x7784a8111167663e81c253ff1e16dc524531a2706b8abbeb07a4447fb2e8fdec;
        assertEq(blobRegistry.deriveBlobId(1, 1_048_577, root), expected);
    }

    function test_blob_id_matches_shared_vector_at_10_shards() public view {
        // {shards 10, size 1000, seed "vec-10-1000"}: blobId "jwqQbJV4h1yvL7IMgq9ycJxhG17y4fl6RRy5zt8_Ljw".
        bytes32 root = 0xe077ac7f9aaba3467b43ff156cb3af087d10525812250d7917801e44df482763;
        assertEq(
            blobRegistry.deriveBlobId(1, 1000, root), 0x8f0a906c9578875caf2fb20c82af72709c611b5ef2e1f97a451cb9cedf3f2e3c
        );
    }

    function test_source_symbols_match_walrus_config() public pure {
        _checkSymbols(4, 2, 3);
        _checkSymbols(7, 3, 5);
        _checkSymbols(10, 4, 7);
        _checkSymbols(31, 11, 21);
        _checkSymbols(100, 34, 67);
        _checkSymbols(101, 35, 68);
        _checkSymbols(301, 101, 201);
        _checkSymbols(1000, 334, 667);
    }

    function test_encoded_size_at_1000_shards() public pure {
        (bool ok, uint256 encoded) = RedStuff.encodedSize(1000, 1);
        assertTrue(ok);
        assertEq(encoded, 66_034_000); // S = 2, the documented minimum
        (, encoded) = RedStuff.encodedSize(1000, 0);
        assertEq(encoded, 66_034_000);
        (, uint256 symbol) = RedStuff.symbolSize(1000, 1_000_000);
        assertEq(symbol, 6);
    }

    function test_max_blob_size_and_beyond() public pure {
        uint256 max = RedStuff.maxBlobSize(1000);
        assertEq(max, 14_599_533_452);
        (bool ok,) = RedStuff.encodedSize(1000, max);
        assertTrue(ok);
        (ok,) = RedStuff.encodedSize(1000, max + 1);
        assertFalse(ok);
    }

    function testFuzz_symbol_size_is_even_and_covers_the_blob(uint64 size, uint16 nShards) public pure {
        nShards = uint16(bound(nShards, 1, 4096));
        (bool ok, uint256 symbol) = RedStuff.symbolSize(nShards, size);
        (uint256 np, uint256 ns) = RedStuff.sourceSymbols(nShards);
        if (!ok) {
            assertGt(size, RedStuff.maxBlobSize(nShards));
            return;
        }
        assertEq(symbol % 2, 0);
        assertGe(np * ns * symbol, size);
        if (symbol > 2) assertLt(np * ns * (symbol - 2), size == 0 ? 1 : size);
    }

    function _checkSymbols(uint256 n, uint256 primary, uint256 secondary) private pure {
        (uint256 p, uint256 s) = RedStuff.sourceSymbols(n);
        assertEq(p, primary, "n_p");
        assertEq(s, secondary, "n_s");
    }

    function _counting(uint256 length) private pure returns (bytes memory b) {
        b = new bytes(length);
        for (uint256 i; i < length; ++i) {
            b[i] = bytes1(uint8(i));
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Blake2b
/// @notice Blake2b-256 (unkeyed, 32-byte digest, RFC 7693) on top of the BLAKE2 F compression
///         precompile of EIP-152 (address 0x09).
/// @dev Precompile input (213 bytes): rounds (u32 big-endian) || h (8 x u64 little-endian) ||
///      m (128 bytes) || t (2 x u64 little-endian) || f (1 byte). Output: the new h (64 bytes).
library Blake2b {
    /// @notice The F precompile call failed (chain without EIP-152).
    error Blake2bPrecompileFailed();

    /// @dev Initial state h for a 32-byte digest without key: IV with h[0] ^= 0x01010020,
    ///      serialized as little-endian u64 words (first and second 32 bytes).
    bytes32 private constant _H_LO = 0x28c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5;
    bytes32 private constant _H_HI = 0xd182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b;

    /// @notice Blake2b-256 of `data`.
    function hash256(bytes memory data) internal view returns (bytes32 digest) {
        bytes memory buffer = new bytes(256); // 213 bytes used; the rest absorbs word-sized writes
        uint256 length = data.length;
        uint256 blocks = length == 0 ? 1 : (length + 127) / 128;
        bool ok = true;
        assembly ("memory-safe") {
            let p := add(buffer, 32)
            mstore(p, shl(224, 12)) // rounds = 12
            mstore(add(p, 4), _H_LO)
            mstore(add(p, 36), _H_HI)
            let src := add(data, 32)
            for { let i := 0 } lt(i, blocks) { i := add(i, 1) } {
                let m := add(p, 68)
                mstore(m, 0)
                mstore(add(m, 32), 0)
                mstore(add(m, 64), 0)
                mstore(add(m, 96), 0)
                let offset := mul(i, 128)
                let chunk := sub(length, offset)
                if gt(chunk, 128) { chunk := 128 }
                if gt(length, offset) { mcopy(m, add(src, offset), chunk) }
                let t := add(offset, chunk)
                let tp := add(p, 196)
                mstore(tp, 0)
                for { let k := 0 } lt(k, 8) { k := add(k, 1) } { mstore8(add(tp, k), and(shr(mul(8, k), t), 0xff)) }
                mstore8(add(p, 212), eq(i, sub(blocks, 1)))
                ok := and(ok, staticcall(gas(), 0x09, p, 213, add(p, 4), 64))
            }
            digest := mload(add(p, 4))
        }
        if (!ok) revert Blake2bPrecompileFailed();
    }
}

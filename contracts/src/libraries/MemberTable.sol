// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title MemberTable
/// @notice A committee's members stored as the code of a data contract (write once, read with one
///         EXTCODECOPY): certificate checks read every member for a few thousand gas instead of one cold
///         SLOAD per signer. Each member is one 32-byte record, in member order (ascending node id):
///         bits 176..207 node id, 160..175 weight (shards), 0..159 signing key. The code starts with a
///         STOP byte so the data contract cannot be called.
library MemberTable {
    /// @notice Deploying the data contract failed.
    error MemberTableWriteFailed();

    /// @notice Deploys a table of `ids.length` members and returns its address.
    function write(uint32[] memory ids, uint256[] memory weights, address[] memory keys)
        internal
        returns (address table)
    {
        uint256 count = ids.length;
        uint256 runtimeSize = 1 + 32 * count; // STOP byte + records
        bytes memory code = new bytes(10 + runtimeSize);
        // Init code: PUSH2 runtimeSize, DUP1, PUSH1 10, RETURNDATASIZE, CODECOPY, RETURNDATASIZE, RETURN
        uint256 header = (0x61 << 72) | (runtimeSize << 56) | (0x80600a3d393df3 << 0);
        assembly ("memory-safe") {
            let p := add(code, 32)
            mstore(p, shl(176, header)) // 10 header bytes, then the STOP byte (already zero)
        }
        for (uint256 i; i < count; ++i) {
            uint256 record = (uint256(ids[i]) << 176) | (weights[i] << 160) | uint256(uint160(keys[i]));
            assembly ("memory-safe") {
                mstore(add(add(code, 43), mul(i, 32)), record)
            }
        }
        assembly ("memory-safe") {
            table := create(0, add(code, 32), mload(code))
        }
        if (table == address(0)) revert MemberTableWriteFailed();
    }

    /// @notice Reads the `count` member records of `table`.
    function read(address table, uint256 count) internal view returns (uint256[] memory records) {
        records = new uint256[](count);
        assembly ("memory-safe") {
            extcodecopy(table, add(records, 32), 1, mul(count, 32))
        }
    }

    function nodeId(uint256 record) internal pure returns (uint32) {
        // Unpacks a field of the record layout above.
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32(record >> 176);
    }

    function weight(uint256 record) internal pure returns (uint16) {
        // Unpacks a field of the record layout above.
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint16(record >> 160);
    }

    function signer(uint256 record) internal pure returns (address) {
        // Unpacks a field of the record layout above.
        // forge-lint: disable-next-line(unsafe-typecast)
        return address(uint160(record));
    }
}

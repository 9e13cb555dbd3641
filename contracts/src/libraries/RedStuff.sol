// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title RedStuff
/// @notice Sizes of Walrus's RS2 encoding (docs/protocol.md §2) for a given shard count.
library RedStuff {
    /// @notice The only supported encoding type, RS2 (u8 value 1).
    uint8 internal constant ENCODING_RS2 = 1;
    /// @notice Largest symbol size in bytes (u16::MAX - 1).
    uint256 internal constant MAX_SYMBOL_SIZE = 65534;

    /// @notice Source symbols (n_p, n_s) for `nShards`: n_p = n - 2f, n_s = n - f, f = (n-1)/3.
    function sourceSymbols(uint256 nShards) internal pure returns (uint256 primary, uint256 secondary) {
        uint256 f = (nShards - 1) / 3;
        return (nShards - 2 * f, nShards - f);
    }

    /// @notice Symbol size for a blob of `size` bytes; `ok` is false when the blob is too large.
    /// @dev S = roundUpToMultiple(ceil(max(size, 1) / (n_p * n_s)), 2).
    function symbolSize(uint256 nShards, uint256 size) internal pure returns (bool ok, uint256 symbol) {
        (uint256 np, uint256 ns) = sourceSymbols(nShards);
        uint256 length = size == 0 ? 1 : size;
        symbol = (length - 1) / (np * ns) + 1;
        if (symbol % 2 == 1) symbol += 1;
        ok = symbol <= MAX_SYMBOL_SIZE;
    }

    /// @notice Encoded size (bytes stored over all shards, metadata included) of a blob of `size` bytes:
    ///         n * ((n_p + n_s) * S + n * 64 + 32). `ok` is false when the blob is too large.
    function encodedSize(uint256 nShards, uint256 size) internal pure returns (bool ok, uint256 encoded) {
        uint256 symbol;
        (ok, symbol) = symbolSize(nShards, size);
        if (!ok) return (false, 0);
        (uint256 np, uint256 ns) = sourceSymbols(nShards);
        encoded = nShards * ((np + ns) * symbol + nShards * 64 + 32);
    }

    /// @notice Largest blob size for `nShards`: n_p * n_s * 65534.
    function maxBlobSize(uint256 nShards) internal pure returns (uint256) {
        (uint256 np, uint256 ns) = sourceSymbols(nShards);
        return np * ns * MAX_SYMBOL_SIZE;
    }
}

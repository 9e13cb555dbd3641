// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title QuorumSelection
/// @notice Shard-weighted quantiles of node votes, as Walrus derives prices and capacity
///         (PROTOCOL.md B §7.3). A quorum is a weight w with 3w >= 2n + 1.
/// @dev Sorts the arrays it is given in place (callers pass fresh memory arrays).
library QuorumSelection {
    /// @notice True when `weight` out of `total` is a quorum: 3w >= 2n + 1.
    function isQuorum(uint256 weight, uint256 total) internal pure returns (bool) {
        return 3 * weight >= 2 * total + 1;
    }

    /// @notice The lowest value such that voters holding a quorum voted at or below it
    ///         (Walrus `quorum_below`, used for prices). Returns (false, 0) if the weights never reach quorum.
    function quorumBelow(uint256[] memory values, uint256[] memory weights, uint256 total)
        internal
        pure
        returns (bool found, uint256 value)
    {
        _sort(values, weights, true);
        return _scan(values, weights, total);
    }

    /// @notice The highest value such that voters holding a quorum voted at or above it
    ///         (Walrus `quorum_above`, used for capacity). Returns (false, 0) if the weights never reach quorum.
    function quorumAbove(uint256[] memory values, uint256[] memory weights, uint256 total)
        internal
        pure
        returns (bool found, uint256 value)
    {
        _sort(values, weights, false);
        return _scan(values, weights, total);
    }

    function _scan(uint256[] memory values, uint256[] memory weights, uint256 total)
        private
        pure
        returns (bool, uint256)
    {
        uint256 acc;
        for (uint256 i; i < values.length; ++i) {
            acc += weights[i];
            if (isQuorum(acc, total)) return (true, values[i]);
        }
        return (false, 0);
    }

    /// @dev Insertion sort of (values, weights) by value; committees have at most 255 members.
    function _sort(uint256[] memory values, uint256[] memory weights, bool ascending) private pure {
        uint256 len = values.length;
        for (uint256 i = 1; i < len; ++i) {
            uint256 v = values[i];
            uint256 w = weights[i];
            uint256 j = i;
            while (j > 0 && (ascending ? values[j - 1] > v : values[j - 1] < v)) {
                values[j] = values[j - 1];
                weights[j] = weights[j - 1];
                --j;
            }
            values[j] = v;
            weights[j] = w;
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title QuorumSelection
/// @notice Shard-weighted quantiles of node votes, as Walrus derives prices and capacity
///         (docs/protocol.md §13). A quorum is a weight w with 3w >= 2n + 1.
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

    /// @dev Heap sort of (values, weights) by value: O(n log n) whatever the order of the votes (an
    ///      insertion sort was quadratic for adversarially ordered votes). Equal values may be reordered;
    ///      `_scan` only reads values, so the result does not depend on it.
    function _sort(uint256[] memory values, uint256[] memory weights, bool ascending) private pure {
        uint256 len = values.length;
        if (len < 2) return;
        for (uint256 i = len / 2; i > 0; --i) {
            _sift(values, weights, i - 1, len, ascending);
        }
        for (uint256 end = len - 1; end > 0; --end) {
            (values[0], values[end]) = (values[end], values[0]);
            (weights[0], weights[end]) = (weights[end], weights[0]);
            _sift(values, weights, 0, end, ascending);
        }
    }

    /// @dev Restores the heap below `root` (a max-heap for an ascending sort, a min-heap otherwise).
    function _sift(uint256[] memory values, uint256[] memory weights, uint256 root, uint256 size, bool ascending)
        private
        pure
    {
        while (true) {
            uint256 child = 2 * root + 1;
            if (child >= size) return;
            if (child + 1 < size && (ascending ? values[child + 1] > values[child] : values[child + 1] < values[child]))
            {
                ++child;
            }
            if (!(ascending ? values[child] > values[root] : values[child] < values[root])) return;
            (values[root], values[child]) = (values[child], values[root]);
            (weights[root], weights[child]) = (weights[child], weights[root]);
            root = child;
        }
    }
}

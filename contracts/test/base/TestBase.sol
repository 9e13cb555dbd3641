// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Vm} from "./Vm.sol";

/// @notice Minimal test base: cheatcodes, reverting assertions, `bound`, and console logging.
/// @dev Written for Walrus.NET (forge-std is not available offline). Assertions revert with a clear
///      message, which forge reports as the failure reason.
abstract contract TestBase {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    address private constant _CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;

    /// @notice Forge looks for this marker on test contracts.
    bool public IS_TEST = true;

    // ---------------------------------------------------------------- logging

    function _log(string memory message) internal view {
        _consoleCall(abi.encodeWithSignature("log(string)", message));
    }

    function _log(string memory message, uint256 value) internal view {
        _consoleCall(abi.encodeWithSignature("log(string,uint256)", message, value));
    }

    function _consoleCall(bytes memory payload) private view {
        address console = _CONSOLE;
        assembly ("memory-safe") {
            pop(staticcall(gas(), console, add(payload, 32), mload(payload), 0, 0))
        }
    }

    // ---------------------------------------------------------------- assertions

    function _fail(string memory message) internal pure {
        revert(message);
    }

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) _fail(string.concat("assertTrue failed: ", message));
    }

    function assertTrue(bool condition) internal pure {
        assertTrue(condition, "");
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) _fail(string.concat("assertFalse failed: ", message));
    }

    function assertFalse(bool condition) internal pure {
        assertFalse(condition, "");
    }

    function assertEq(uint256 a, uint256 b, string memory message) internal pure {
        if (a != b) {
            _fail(string.concat("assertEq failed: ", Strings.toString(a), " != ", Strings.toString(b), " ", message));
        }
    }

    function assertEq(uint256 a, uint256 b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(int256 a, int256 b, string memory message) internal pure {
        if (a != b) {
            _fail(
                string.concat(
                    "assertEq failed: ", Strings.toStringSigned(a), " != ", Strings.toStringSigned(b), " ", message
                )
            );
        }
    }

    function assertEq(address a, address b, string memory message) internal pure {
        if (a != b) {
            _fail(
                string.concat("assertEq failed: ", Strings.toHexString(a), " != ", Strings.toHexString(b), " ", message)
            );
        }
    }

    function assertEq(address a, address b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(bytes32 a, bytes32 b, string memory message) internal pure {
        if (a != b) {
            _fail(
                string.concat(
                    "assertEq failed: ",
                    Strings.toHexString(uint256(a), 32),
                    " != ",
                    Strings.toHexString(uint256(b), 32),
                    " ",
                    message
                )
            );
        }
    }

    function assertEq(bytes32 a, bytes32 b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(bool a, bool b, string memory message) internal pure {
        if (a != b) _fail(string.concat("assertEq(bool) failed: ", message));
    }

    function assertEq(bool a, bool b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(string memory a, string memory b, string memory message) internal pure {
        if (keccak256(bytes(a)) != keccak256(bytes(b))) {
            _fail(string.concat("assertEq failed: \"", a, "\" != \"", b, "\" ", message));
        }
    }

    function assertEq(string memory a, string memory b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(bytes memory a, bytes memory b, string memory message) internal pure {
        if (keccak256(a) != keccak256(b)) _fail(string.concat("assertEq(bytes) failed: ", message));
    }

    function assertGt(uint256 a, uint256 b, string memory message) internal pure {
        if (a <= b) {
            _fail(string.concat("assertGt failed: ", Strings.toString(a), " <= ", Strings.toString(b), " ", message));
        }
    }

    function assertGt(uint256 a, uint256 b) internal pure {
        assertGt(a, b, "");
    }

    function assertGe(uint256 a, uint256 b, string memory message) internal pure {
        if (a < b) {
            _fail(string.concat("assertGe failed: ", Strings.toString(a), " < ", Strings.toString(b), " ", message));
        }
    }

    function assertGe(uint256 a, uint256 b) internal pure {
        assertGe(a, b, "");
    }

    function assertLt(uint256 a, uint256 b, string memory message) internal pure {
        if (a >= b) {
            _fail(string.concat("assertLt failed: ", Strings.toString(a), " >= ", Strings.toString(b), " ", message));
        }
    }

    function assertLt(uint256 a, uint256 b) internal pure {
        assertLt(a, b, "");
    }

    function assertLe(uint256 a, uint256 b, string memory message) internal pure {
        if (a > b) {
            _fail(string.concat("assertLe failed: ", Strings.toString(a), " > ", Strings.toString(b), " ", message));
        }
    }

    function assertLe(uint256 a, uint256 b) internal pure {
        assertLe(a, b, "");
    }

    // ---------------------------------------------------------------- fuzz helpers

    /// @notice Maps `x` into [min, max] (inclusive), leaving values already inside unchanged.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min + 1;
        if (size == 0) return x; // full uint256 range
        return min + (x % size);
    }
}

/// @notice The hooks forge's invariant runner reads from a test contract.
abstract contract InvariantBase {
    /// @dev Matches the struct forge decodes from `targetSelectors()`.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetedContracts;
    address[] private _targetedSenders;
    FuzzSelector[] private _targetedSelectors;

    function _targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    function _targetSender(address sender) internal {
        _targetedSenders.push(sender);
    }

    function _targetSelectors(address target, bytes4[] memory selectors) internal {
        _targetedSelectors.push(FuzzSelector({addr: target, selectors: selectors}));
    }

    /// @notice Contracts whose functions the invariant runner calls.
    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    /// @notice Senders the invariant runner uses (empty: any).
    function targetSenders() public view returns (address[] memory) {
        return _targetedSenders;
    }

    /// @notice Selectors the invariant runner may call on each target.
    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetedSelectors;
    }
}

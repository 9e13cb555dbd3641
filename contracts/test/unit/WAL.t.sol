// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {WAL} from "../../src/WAL.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

contract WALTest is WalrusTestBase {
    function test_metadata_and_supply() public view {
        assertEq(wal.name(), "WAL");
        assertEq(wal.symbol(), "WAL");
        assertEq(uint256(wal.decimals()), 9);
        assertEq(wal.totalSupply(), 5_000_000_000 * 1e9);
        assertEq(wal.balanceOf(treasury), wal.INITIAL_SUPPLY());
    }

    function test_deployment_gives_supply_to_recipient_only() public view {
        assertEq(wal.balanceOf(address(system)), 0);
        assertEq(wal.balanceOf(address(staking)), 0);
        assertEq(wal.balanceOf(treasury), wal.totalSupply());
    }

    function test_constructor_reverts_on_zero_recipient() public {
        vm.expectRevert(WAL.WALZeroRecipient.selector);
        new WAL(address(0));
    }

    function test_burn_reduces_supply() public {
        _fund(address(this), 10 * WAL_UNIT);
        wal.burn(4 * WAL_UNIT);
        assertEq(wal.balanceOf(address(this)), 6 * WAL_UNIT);
        assertEq(wal.totalSupply(), wal.INITIAL_SUPPLY() - 4 * WAL_UNIT);
    }

    function test_burn_reverts_above_balance() public {
        _fund(address(this), 1 * WAL_UNIT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector, address(this), 1 * WAL_UNIT, 2 * WAL_UNIT
            )
        );
        wal.burn(2 * WAL_UNIT);
    }

    function test_permit_sets_allowance() public {
        uint256 key = 0xA11CE;
        address owner = vm.addr(key);
        address spender = address(0xB0B);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                spender,
                5 * WAL_UNIT,
                wal.nonces(owner),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", wal.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        wal.permit(owner, spender, 5 * WAL_UNIT, deadline, v, r, s);
        assertEq(wal.allowance(owner, spender), 5 * WAL_UNIT);
        assertEq(wal.nonces(owner), 1);
    }

    function test_permit_reverts_after_deadline() public {
        uint256 key = 0xA11CE;
        address owner = vm.addr(key);
        vm.warp(1000);
        uint256 deadline = 999;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                address(0xB0B),
                1,
                uint256(0),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", wal.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        wal.permit(owner, address(0xB0B), 1, deadline, v, r, s);
    }

    function testFuzz_transfer_conserves_supply(uint256 amount) public {
        amount = bound(amount, 0, wal.INITIAL_SUPPLY());
        vm.prank(treasury);
        wal.transfer(address(0xCAFE), amount);
        assertEq(wal.balanceOf(address(0xCAFE)) + wal.balanceOf(treasury), wal.totalSupply());
    }
}

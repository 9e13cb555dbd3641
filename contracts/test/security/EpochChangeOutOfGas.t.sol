// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Staking} from "../../src/Staking.sol";
import {System} from "../../src/System.sol";
import {Governance} from "../../src/Governance.sol";
import {IDirectory} from "../../src/interfaces/IDirectory.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

/// @notice Issue 8, finding 5: `votingEnd` needed 19.6M gas at 255 nodes / 1000 shards and 26.2M at
///         255 / 4096, above the EIP-7825 cap of 2^24, and the contracts allowed those sizes. Now no
///         deployment or governance decision can go beyond MAX_ACTIVE_SET_SIZE (128) and MAX_SHARDS (2048),
///         where test/gas/GasLimit.t.sol measures every crank below 2^24 (largest: votingEnd, 11.8M).
contract EpochChangeOutOfGasTest is WalrusTestBase {
    function test_attack_governance_cannot_grow_the_active_set_past_the_gas_bound() public {
        _bootstrap(4);
        uint256 tooLarge = uint256(staking.MAX_ACTIVE_SET_SIZE()) + 1;
        uint8 param = governance.PARAM_ACTIVE_SET_SIZE();
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceInvalidValue.selector, param, tooLarge));
        _proposeParameter(param, tooLarge);
        vm.prank(address(governance));
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingInvalidActiveSetSize.selector, uint16(tooLarge)));
        staking.setActiveSetSize(uint16(tooLarge));
    }

    function test_attack_deployment_cannot_exceed_the_gas_bounds() public {
        Staking stakingImpl = new Staking();
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingInvalidActiveSetSize.selector, uint16(129)));
        new ERC1967Proxy(
            address(stakingImpl), abi.encodeCall(Staking.initialize, (IDirectory(address(directory)), 129))
        );
        System systemImpl = new System();
        System.Config memory c = System.Config(EPOCH_DURATION, 2049, 1, 53, 300, 4, 1e15);
        vm.expectRevert(System.SystemInvalidConfig.selector);
        new ERC1967Proxy(address(systemImpl), abi.encodeCall(System.initialize, (IDirectory(address(directory)), c)));
    }

    function test_legitimate_largest_parameters_are_accepted() public {
        _bootstrap(4);
        _passParameter(governance.PARAM_ACTIVE_SET_SIZE(), staking.MAX_ACTIVE_SET_SIZE());
        assertEq(staking.activeSetSize(), 128);
        System.Config memory c = System.Config(EPOCH_DURATION, 2048, 1, 1000, 300, 4, 1e15);
        new ERC1967Proxy(address(new System()), abi.encodeCall(System.initialize, (IDirectory(address(directory)), c)));
    }
}

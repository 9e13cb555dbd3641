// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice Governance-set parameters of the System and Slashing contracts.
interface ISystemParameters {
    function setBurnShare(uint16 bps) external;
    function setMaxEpochsAhead(uint32 epochs) external;
}

interface ISlashingParameters {
    function setSlashFraction(uint16 bps) external;
}

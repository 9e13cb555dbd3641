// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice Governance-set parameters of the System and Slashing contracts.
interface ISystemParameters {
    /// @notice Governance only: share of epoch income burned (basis points).
    function setBurnShare(uint16 bps) external;
    /// @notice Governance only: how many epochs ahead storage may end.
    function setMaxEpochsAhead(uint32 epochs) external;
}

interface ISlashingParameters {
    /// @notice Governance only: share of a pool burned by one slashing (basis points).
    function setSlashFraction(uint16 bps) external;
    /// @notice Governance only: allows or disallows a contract to record failed duties.
    function setEvidenceSource(address source, bool allowed) external;
}

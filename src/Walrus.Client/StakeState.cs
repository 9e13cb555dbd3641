namespace Walrus.Client;

/// <summary>Where a stake position is (PROTOCOL: staking and withdrawal timing).</summary>
public enum StakeState
{
    /// <summary>Staked, counted from its activation epoch on (a later epoch than the current one).</summary>
    Pending = 0,

    /// <summary>Staked and counted for the node in the current epoch: it earns rewards.</summary>
    Active = 1,

    /// <summary>Withdrawal requested; withdraw-stake pays from the withdraw epoch on.</summary>
    Withdrawing = 2,

    /// <summary>Withdrawal requested and the withdraw epoch has come: withdraw-stake pays it now.</summary>
    Withdrawable = 3,
}

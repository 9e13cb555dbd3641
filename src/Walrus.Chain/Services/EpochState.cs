namespace Walrus.Chain.Services;

/// <summary>The System contract's epoch state; values are the contract's constants.</summary>
public enum EpochState : byte
{
    /// <summary>The epoch started; the new committee is receiving shards.</summary>
    EpochChangeSync = 0,

    /// <summary>A quorum of the committee attested that it holds its shards.</summary>
    EpochChangeDone = 1,

    /// <summary>Voting ended: the next committee and parameters are selected.</summary>
    NextParamsSelected = 2,
}

using Walrus.Chain.Services;

namespace Walrus.Chain.Tests.Services;

public sealed class EpochStateTests
{
    // The values are the System contract's STATE_* constants; they must never move.
    [Fact]
    public void Values_are_frozen_to_the_contract_constants()
    {
        Assert.Equal(0, (byte)EpochState.EpochChangeSync);
        Assert.Equal(1, (byte)EpochState.EpochChangeDone);
        Assert.Equal(2, (byte)EpochState.NextParamsSelected);
        Assert.Equal(3, Enum.GetValues<EpochState>().Length);
    }
}

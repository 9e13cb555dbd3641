using Walrus.Chain.Services;
using Walrus.TestKit;
using Walrus.TestKit.Cluster;

namespace Walrus.Cli.Tests;

/// <summary>Advances a <see cref="TestCluster"/> (whose epochs only tests move) by one full epoch change.</summary>
internal static class CliClusterEpochs
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <summary>Half an epoch, voting end, half an epoch, epoch change; then waits until the node processes attest sync.</summary>
    public static async Task NextAsync(TestCluster cluster)
    {
        var (before, _) = await cluster.Chain.GetEpochAsync();
        using (var deployer = TestKeys.Anvil(0))
        {
            await cluster.Anvil.IncreaseTimeAsync(TimeSpan.FromSeconds(TestCluster.EpochSeconds / 2));
            await cluster.Chain.VotingEndAsync(deployer);
            await cluster.Anvil.IncreaseTimeAsync(TimeSpan.FromSeconds(TestCluster.EpochSeconds / 2));
            await cluster.Chain.InitiateEpochChangeAsync(deployer);
        }

        await Poll.UntilAsync(async () => await cluster.Chain.GetEpochAsync() is var (e, s) && e.Value == before.Value + 1 && s == EpochState.EpochChangeDone,
            Deadline, () => "the nodes did not attest epoch sync\n" + cluster.Logs());
    }
}

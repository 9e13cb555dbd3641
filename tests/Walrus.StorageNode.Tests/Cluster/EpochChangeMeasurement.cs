using System.Diagnostics;
using System.Text.RegularExpressions;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Client;
using Walrus.Testbed;
using Walrus.TestKit;
using Walrus.TestKit.Cluster;
using Xunit.Abstractions;

namespace Walrus.StorageNode.Tests.Cluster;

/// <summary>
/// Measurement, not a check (numbers go to the test output): a node joins a network holding <see cref="TotalMiB"/> MiB of
/// blobs; reports the joining node's shard transfer rate (from its own log line) and the time from EpochChangeStart to
/// EpochChangeDone seen on chain. Run it alone: <c>--filter FullyQualifiedName~EpochChangeMeasurement</c>.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Measurement")]
public sealed class EpochChangeMeasurement(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const int Nodes = 4;
    private const int Shards = 10;
    private const int BlobMiB = 1;
    private const int TotalMiB = 16;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "walrus-epoch-measure-" + Guid.NewGuid().ToString("N"));
    private readonly AnvilFixture _anvil = new();
    private LocalNetwork _network = null!;

    public async Task InitializeAsync()
    {
        await _anvil.InitializeAsync();
        _network = await LocalNetwork.StartAsync(new LocalNetworkOptions
        {
            Directory = _root,
            Nodes = Nodes,
            Shards = Shards,
            EpochDuration = TimeSpan.FromSeconds(40),
            DriveEpochs = false,
            ExistingChain = _anvil.Endpoint,
            CliDll = NodeProcess.CliDll,
            RepositoryRoot = RepositoryPaths.Root,
        });
    }

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _anvil.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A node may still hold a file for a moment.
        }
    }

    private static Regex CompleteLine(uint epoch) =>
        new($"Epoch {epoch}: every gained shard complete (\\d+) ms after EpochChangeStart; (\\d+) slivers, (\\d+) bytes", RegexOptions.CultureInvariant);

    [Fact]
    public async Task Shard_transfer_rate_and_epoch_change_time_when_a_node_joins()
    {
        using var wallet = await KeyFile.ReadAsync(_network.WalletPath);
        using var client = new WalrusClient(new WalrusChainClient(new ContractClient(_anvil.NewSender()), _network.Deployment), wallet);
        // The nodes' first epoch changes come right after they start: store from the start of a fresh epoch.
        await Poll.UntilAsync(async () => await _network.Chain.GetEpochAsync() is { Epoch.Value: >= 2, State: EpochState.EpochChangeDone },
            TimeSpan.FromMinutes(5), () => "the nodes did not advance the epochs");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < TotalMiB / BlobMiB; i++)
        {
            var data = new byte[BlobMiB << 20];
            new Random(i).NextBytes(data);
            try
            {
                await client.StoreAsync(data, new StoreOptions { Epochs = 20, Deletable = false });
            }
            catch (Exception e) when (e is WalrusClientException || e.Message.Contains("BlobRegistryWrongEpoch", StringComparison.Ordinal))
            {
                // An epoch boundary during the store (see EpochChangeTests): resume it.
                await client.StoreAsync(data, new StoreOptions { Epochs = 20, Deletable = false });
            }
        }

        output.WriteLine($"stored {TotalMiB} MiB in {TotalMiB / BlobMiB} blobs in {clock.Elapsed.TotalSeconds:F1} s");
        var joined = await _network.AddNodeAsync(1_000_000);

        // EpochChangeStart -> EpochChangeDone of the epoch the new node enters, as seen polling the chain.
        Stopwatch? change = null;
        uint changeEpoch = 0;
        await Poll.UntilAsync(async () =>
        {
            var (epoch, state) = await _network.Chain.GetEpochAsync();
            var member = (await _network.Chain.GetCommitteeAsync(epoch)).IndexOf(joined.NodeId) >= 0;
            if (member && state == EpochState.EpochChangeSync && change is null)
            {
                change = Stopwatch.StartNew();
                changeEpoch = epoch.Value;
            }

            return member && change is not null && state != EpochState.EpochChangeSync;
        }, TimeSpan.FromMinutes(10), () => "the node did not join\n" + joined.Output);
        output.WriteLine($"epoch {changeEpoch}: EpochChangeStart -> EpochChangeDone {change!.Elapsed.TotalSeconds:F1} s (polled every <= 250 ms)");

        await Poll.UntilAsync(() => Task.FromResult(CompleteLine(changeEpoch).IsMatch(joined.Output)), TimeSpan.FromMinutes(10), () => "no completion line\n" + joined.Output);
        var match = CompleteLine(changeEpoch).Match(joined.Output);
        var millis = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var slivers = long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        var bytes = long.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"joining node: {slivers} slivers, {bytes / 1e6:F1} MB in {millis} ms from EpochChangeStart: {bytes / 1e6 / Math.Max(1, millis) * 1000:F1} MB/s");
        Assert.True(bytes > 0);
    }
}

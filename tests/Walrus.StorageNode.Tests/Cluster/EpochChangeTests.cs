using System.Diagnostics;
using System.Text.Json;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Client;
using Walrus.Core;
using Walrus.Core.NodeApi;
using Walrus.Testbed;
using Walrus.TestKit;
using Walrus.TestKit.Cluster;
using Xunit.Abstractions;

namespace Walrus.StorageNode.Tests.Cluster;

/// <summary>
/// Epoch changes with real node processes on a real anvil, 30-second epochs that the nodes themselves advance (their
/// cranks; the testbed's driver is off). One blob stored in epoch 1 is read back byte-exact after each membership change
/// while a background loop keeps reading it and storing and reading new blobs, counting every operation.
/// </summary>
[Trait("Category", "Slow")]
public sealed class EpochChangeTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const int EpochSeconds = 30;
    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromMinutes(3);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "walrus-epochs-" + Guid.NewGuid().ToString("N"));
    private readonly AnvilFixture _anvil = new();
    private LocalNetwork _network = null!;
    private WalrusClient _client = null!;
    private PrivateKey _wallet = null!;
    private bool _keep;

    public async Task InitializeAsync()
    {
        await _anvil.InitializeAsync();
        _network = await LocalNetwork.StartAsync(new LocalNetworkOptions
        {
            Directory = _root,
            Nodes = 4,
            Shards = 10,
            EpochDuration = TimeSpan.FromSeconds(EpochSeconds),
            DriveEpochs = false,
            ExistingChain = _anvil.Endpoint,
            CliDll = NodeProcess.CliDll,
            RepositoryRoot = RepositoryPaths.Root,
        });
        _wallet = await KeyFile.ReadAsync(_network.WalletPath);
        _client = new WalrusClient(new WalrusChainClient(new ContractClient(_anvil.NewSender()), _network.Deployment), _wallet);
    }

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }

    /// <summary>After <see cref="DisposeAsync"/> stopped the nodes: the client, the chain and the folder.</summary>
    public void Dispose()
    {
        _client?.Dispose();
        _wallet?.Dispose();
        _anvil.Dispose();
        if (_keep)
        {
            return;
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A node may still hold a file for a moment.
        }
    }

    private static byte[] Data(int seed, int size)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    private async Task AssertReadsBackAsync(BlobId blobId, byte[] expected, string when)
    {
        using var stream = new MemoryStream();
        await _client.ReadAsync(blobId, stream);
        Assert.True(expected.AsSpan().SequenceEqual(stream.ToArray()), $"blob {blobId} differs {when}");
    }

    private static async Task<NodeHealth> HealthAsync(TestbedNode node)
    {
        var text = await node.Http.GetStringAsync(NodeApiRoutes.Health + "?detailed=true");
        return JsonSerializer.Deserialize(text, NodeApiJsonContext.Default.ApiSuccessBodyNodeHealth)!.Success.Data;
    }

    private async Task<Committee> CommitteeAsync()
    {
        var (epoch, _) = await _network.Chain.GetEpochAsync();
        return await _network.Chain.GetCommitteeAsync(epoch);
    }

    /// <summary>Waits until <paramref name="condition"/> holds of the current committee and that epoch's change is done.</summary>
    private async Task<Committee> WaitForCommitteeAsync(Func<Committee, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        await Poll.UntilAsync(async () =>
        {
            var (epoch, state) = await _network.Chain.GetEpochAsync();
            return state != EpochState.EpochChangeSync && condition(await _network.Chain.GetCommitteeAsync(epoch));
        }, ChangeTimeout, () => what + "\n" + string.Join("\n", _network.Nodes.Select(n => $"--- {n.Name} ---\n{n.Output[^Math.Min(n.Output.Length, 6000)..]}")));
        var committee = await CommitteeAsync();
        output.WriteLine($"{what}: epoch {committee.Epoch.Value} after {clock.Elapsed.TotalSeconds:F1} s; shards {string.Join(" ", committee.Members.Select(m => $"{m.NodeId}:{m.Shards.Count}"))}");
        await _network.RefreshShardsAsync();
        return committee;
    }

    [Fact]
    public async Task A_blob_of_epoch_1_stays_readable_while_nodes_join_leave_die_and_stake_moves()
    {
        try
        {
            await RunScenarioAsync();
        }
        catch
        {
            // Keep the folder (node logs) of a failed run.
            _keep = true;
            output.WriteLine("kept " + _root);
            throw;
        }
    }

    private async Task RunScenarioAsync()
    {
        // The nodes' cranks run the epochs; the first changes come as soon as they start (epoch 1 began at deployment).
        // Store the first blob at the start of a fresh epoch, well before its voting end.
        await Poll.UntilAsync(async () =>
        {
            var (epoch, state) = await _network.Chain.GetEpochAsync();
            return epoch.Value >= 2 && state == EpochState.EpochChangeDone;
        }, ChangeTimeout, () => "the nodes did not advance the epochs");
        var original = Data(1, 200_000);
        StoreResult stored;
        try
        {
            stored = await _client.StoreAsync(original, new StoreOptions { Epochs = 50, Deletable = false });
        }
        catch (WalrusClientException)
        {
            _keep = true;
            var (epoch, state) = await _network.Chain.GetEpochAsync();
            output.WriteLine($"chain epoch {epoch.Value} {state}; nodes: {string.Join(", ", await Task.WhenAll(_network.Nodes.Select(async n => $"{n.NodeId}@{(await HealthAsync(n)).Epoch}")))}; folder {_root}");
            throw;
        }

        var blobId = stored.BlobId;
        await AssertReadsBackAsync(blobId, original, "right after the store");

        // Reads of the first blob and stores + reads of new ones, all the time, counted.
        using var stop = new CancellationTokenSource();
        long reads = 0, writes = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var resumes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var load = Task.Run(async () =>
        {
            var seed = 100;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await AssertReadsBackAsync(blobId, original, "during the load");
                    Interlocked.Increment(ref reads);
                    var data = Data(seed++, 20_000);
                    StoreResult result;
                    try
                    {
                        result = await _client.StoreAsync(data, new StoreOptions { Epochs = 5, Deletable = false });
                    }
                    catch (Exception e) when (e is WalrusClientException || e.Message.Contains("BlobRegistryWrongEpoch", StringComparison.Ordinal))
                    {
                        // The epoch changed between the client's committee read and its confirmations or certificate: the
                        // store path does not yet redo them for the new epoch, so the test runs the store again, which
                        // resumes the paid registration. Counted apart and reported.
                        resumes.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {e.Message}");
                        result = await _client.StoreAsync(data, new StoreOptions { Epochs = 5, Deletable = false });
                    }

                    Interlocked.Increment(ref writes);
                    await AssertReadsBackAsync(result.BlobId, data, "after its store");
                    Interlocked.Increment(ref reads);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {e.GetType().Name}: {e.Message}");
                }
            }
        });

        // 1. A node joins; it is killed in the middle of its shard sync (page of one sliver, 300 ms apart) and restarted.
        var joined = await _network.AddNodeAsync(1_000_000, o =>
        {
            o.ShardSyncMaxPageSlivers = 1;
            o.ShardSyncPageDelayMillis = 300;
        });
        await Poll.UntilAsync(async () => (await HealthAsync(joined)).ShardDetail!.Any(s => s.Status == "inTransfer" && s.Slivers > 0),
            ChangeTimeout, () => "the new node never started a shard transfer\n" + joined.Output);
        joined.Kill();
        await joined.StartAsync();
        await WaitForCommitteeAsync(c => c.IndexOf(joined.NodeId) >= 0, "node joined");
        await Poll.UntilAsync(async () => (await HealthAsync(joined)) is { ShardSummary.InTransfer: 0, ShardSummary.InRecovery: 0 },
            ChangeTimeout, () => "the restarted node did not finish its sync\n" + joined.Output);
        Assert.DoesNotContain("rebuilding it through recovery", joined.Output, StringComparison.Ordinal);
        await AssertReadsBackAsync(blobId, original, "after a node joined");

        // 2. Another node joins; one old owner of the shards it gains is killed before handing them over.
        var second = await _network.AddNodeAsync(1_000_000);
        Committee? before = null;
        Committee? next = null;
        await Poll.UntilAsync(async () =>
        {
            // The window between votingEnd (next committee selected) and initiateEpochChange of the epoch it enters.
            var (epoch, state) = await _network.Chain.GetEpochAsync();
            if (state != EpochState.NextParamsSelected)
            {
                return false;
            }

            before = await _network.Chain.GetCommitteeAsync(epoch);
            next = await _network.Chain.GetCommitteeAsync(new Epoch(epoch.Value + 1));
            return before.IndexOf(second.NodeId) < 0 && next.IndexOf(second.NodeId) >= 0;
        }, ChangeTimeout, () => "the second node was not selected");
        var gained = next!.Members.Single(m => m.NodeId == second.NodeId).Shards;
        var victim = before!.Members.First(m => m.Shards.Any(gained.Contains) && m.NodeId != second.NodeId);
        var victimNode = _network.Nodes.Single(n => n.NodeId == victim.NodeId);
        victimNode.Kill();
        output.WriteLine($"killed node {victim.NodeId}, old owner of shards [{string.Join(",", victim.Shards.Where(gained.Contains))}] that node {second.NodeId} gains");
        await WaitForCommitteeAsync(c => c.Epoch.Value > before.Epoch.Value, "second node joined, an old owner dead");
        await Poll.UntilAsync(async () => (await HealthAsync(second)) is { ShardSummary.InTransfer: 0, ShardSummary.InRecovery: 0, ShardSummary.Owned: > 0 },
            ChangeTimeout, () => "the second node did not rebuild its shards\n" + second.Output);
        await AssertReadsBackAsync(blobId, original, "after an old owner died before handing over");
        await victimNode.StartAsync();

        // 3. A node leaves: deregistered, it hands its shards over at the next change.
        var leaving = _network.Nodes.First(n => n.NodeId != joined.NodeId && n.NodeId != second.NodeId && n.NodeId != victim.NodeId);
        await _network.DeregisterNodeAsync(leaving);
        await WaitForCommitteeAsync(c => c.IndexOf(leaving.NodeId) < 0, "node left");
        await AssertReadsBackAsync(blobId, original, "after a node left");
        await leaving.StopAsync();
        await AssertReadsBackAsync(blobId, original, "after the node that left stopped");

        // 4. Stake moves: one node gets much more stake, so shards move between existing nodes.
        var grower = _network.Nodes.First(n => n.NodeId != leaving.NodeId && n.NodeId != victim.NodeId);
        var shardsBefore = (await CommitteeAsync()).Members.Single(m => m.NodeId == grower.NodeId).Shards.Count;
        await _network.AddStakeAsync(grower, 3_000_000);
        await WaitForCommitteeAsync(c => c.Members.FirstOrDefault(m => m.NodeId == grower.NodeId)?.Shards.Count > shardsBefore, "stake moved");
        await AssertReadsBackAsync(blobId, original, "after stake moved");

        await stop.CancelAsync();
        await load;
        output.WriteLine($"during the changes: {Interlocked.Read(ref reads)} reads and {Interlocked.Read(ref writes)} writes succeeded, {failures.Count} failed; {resumes.Count} writes needed one resume");
        foreach (var failure in failures.Concat(resumes))
        {
            output.WriteLine(failure);
        }

        Assert.True(Interlocked.Read(ref reads) > 0 && Interlocked.Read(ref writes) > 0);
        // Reads never fail. A write fails only where the client's store path meets an epoch boundary (confirmations
        // signed for the new epoch, or a certificate for the old one): the store path does not yet redo them for the
        // new committee. Anything else is a failure of the nodes.
        Assert.All(failures, f => Assert.True(
            f.Contains("not signed by its registered key", StringComparison.Ordinal) || f.Contains("BlobRegistryWrongEpoch", StringComparison.Ordinal), f));
    }
}

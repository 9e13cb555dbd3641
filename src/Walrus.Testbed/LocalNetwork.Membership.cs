using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Node;

namespace Walrus.Testbed;

/// <summary>Membership changes in a running network: nodes join and leave, stake moves; each drives shard migrations at the next epoch change.</summary>
public sealed partial class LocalNetwork
{
    /// <summary>
    /// Adds a storage node the way an operator joins: new keys and config, registration with proof of possession,
    /// <paramref name="stakeWal"/> WAL staked by its owner, its process started, testbed.json updated. It enters the
    /// committee (and receives shards) at the first epoch whose committee is selected after its stake activates
    /// (<see cref="AddedNode.ActivationEpoch"/>).
    /// </summary>
    /// <param name="stakeWal">WAL the node's owner stakes.</param>
    /// <param name="configure">Changes to the node's options before it first starts (null: the defaults).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<TestbedNode> AddNodeAsync(long stakeWal, Action<StorageNodeOptions>? configure = null, CancellationToken cancellationToken = default) =>
        (await JoinAsync(stakeWal, configure, cancellationToken)).Node;

    /// <summary>As <see cref="AddNodeAsync"/>, also telling the epoch at which the node's stake counts.</summary>
    public async Task<AddedNode> JoinAsync(long stakeWal, Action<StorageNodeOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stakeWal, 1);
        using var deployer = PrivateKey.FromHex(DeployerKey);
        string name;
        string config;
        var port = FreePort();
        lock (_nodesLock)
        {
            // Names are never reused: a removed node's folder (and data) stays.
            name = NextNodeName();
            System.IO.Directory.CreateDirectory(Path.Combine(Directory, "nodes", name));
        }

        config = await WriteNodeConfigAsync(Path.Combine(Directory, "nodes", name), name, port, port, cancellationToken);
        if (configure is not null)
        {
            var options = NodeConfigFile.Read(config);
            configure(options);
            await File.WriteAllTextAsync(config, NodeConfigFile.Format(options), cancellationToken);
        }

        var stake = stakeWal * Wal;
        using (var owner = await KeyFile.ReadAsync(NodeConfigFile.Read(config).OwnerKeyFile, cancellationToken))
        {
            await FundAsync(deployer, owner.Address, stake, cancellationToken);
        }

        var activation = await ActivationEpochAsync(cancellationToken);
        var id = await RegisterAsync(config, stake, cancellationToken);
        var node = NewNode(name, id, port, config);
        lock (_nodesLock)
        {
            _nodes.Add(node);
        }

        await node.StartAsync(cancellationToken);
        await WriteStateAsync(cancellationToken);
        return new AddedNode(node, activation);
    }

    /// <summary>
    /// A node leaves the way an operator leaves: its owner deregisters it, so the next committee selection skips it and
    /// its shards move to the others at the next epoch change. The node keeps running to hand them over; stop it with
    /// <see cref="TestbedNode.StopAsync"/> once that epoch change is done (its stakers can withdraw then), or use
    /// <see cref="RemoveNodeAsync"/>, which does all of it.
    /// </summary>
    public async Task DeregisterNodeAsync(TestbedNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var owner = await KeyFile.ReadAsync(NodeConfigFile.Read(node.ConfigFile).OwnerKeyFile, cancellationToken);
        await Chain.NodeRegistry.DeregisterNodeAsync(owner, node.NodeId, cancellationToken);
    }

    /// <summary>
    /// Removes a node from the running network: deregisters it (unless it already is), waits until no committee it is
    /// in remains (an epoch change without it is done) and its health shows no locked shards (their new owners attested
    /// that they hold them), then stops its process and drops it from testbed.json (its folder stays).
    /// <paramref name="progress"/> hears each step.
    /// </summary>
    /// <exception cref="TimeoutException">The hand-over did not finish within <paramref name="timeout"/>; the node is deregistered and still runs.</exception>
    public async Task RemoveNodeAsync(TestbedNode node, TimeSpan timeout, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (await Chain.NodeRegistry.IsDeregisteredAsync(node.NodeId, cancellationToken: cancellationToken))
        {
            progress?.Invoke($"{node.Name} (node {node.NodeId}) is already deregistered.");
        }
        else
        {
            await DeregisterNodeAsync(node, cancellationToken);
            progress?.Invoke($"{node.Name} (node {node.NodeId}) deregistered on chain; it hands its shards over at the next epoch change.");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        uint reported = 0;
        var lockedReported = false;
        try
        {
            while (true)
            {
                var (epoch, state) = await Chain.GetEpochAsync(deadline.Token);
                var inCurrent = (await Chain.GetCommitteeAsync(epoch, deadline.Token)).Members.Any(m => m.NodeId == node.NodeId);
                // A next committee is only ever selected (NextParamsSelected) after EpochChangeDone: out of the current
                // committee in EpochChangeDone means out of every committee that could still need this node's data.
                if (!inCurrent && state == EpochState.EpochChangeDone)
                {
                    // EpochChangeDone needs a quorum of shards only: a new owner may still be pulling from this node.
                    // Its locked shards are dropped once their new owners attested that they hold them.
                    var locked = await LockedShardsAsync(node, deadline.Token);
                    if (locked == 0)
                    {
                        progress?.Invoke($"epoch {epoch.Value}: the committee no longer includes {node.Name}, the epoch change is done and its shards were received.");
                        break;
                    }

                    if (!lockedReported)
                    {
                        lockedReported = true;
                        progress?.Invoke(locked > 0
                            ? $"epoch {epoch.Value}: the epoch change is done; {node.Name} still holds {locked} locked shards for their new owners..."
                            : $"epoch {epoch.Value}: the epoch change is done; {node.Name} does not answer its health, asking again...");
                    }

                    await Task.Delay(TimeSpan.FromSeconds(1), deadline.Token);
                    continue;
                }

                if (epoch.Value != reported)
                {
                    reported = epoch.Value;
                    progress?.Invoke($"epoch {epoch.Value} ({state}): {node.Name} is {(inCurrent ? "in the committee" : "handing over")}; waiting for the hand-over...");
                }

                await Task.Delay(TimeSpan.FromSeconds(1), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{node.Name} is deregistered but its hand-over did not finish within {timeout}; it keeps running (run remove-node again to wait).");
        }

        await node.StopAsync(cancellationToken);
        lock (_nodesLock)
        {
            _nodes.Remove(node);
        }

        await RefreshShardsAsync(cancellationToken);
        node.Dispose();
        progress?.Invoke($"{node.Name} stopped and removed from testbed.json (its folder {node.Directory} stays).");
    }

    /// <summary>Stakes <paramref name="wal"/> more WAL (from the deployer's supply) with a node; returns the position's token id.</summary>
    public async Task<BigInteger> AddStakeAsync(TestbedNode node, long wal, CancellationToken cancellationToken = default) =>
        (await StakeAsync(node, wal, cancellationToken)).TokenId;

    /// <summary>As <see cref="AddStakeAsync"/>, also telling the epoch from which the stake counts for committee selection.</summary>
    public async Task<(BigInteger TokenId, uint ActivationEpoch)> StakeAsync(TestbedNode node, long wal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentOutOfRangeException.ThrowIfLessThan(wal, 1);
        using var deployer = PrivateKey.FromHex(DeployerKey);
        var activation = await ActivationEpochAsync(cancellationToken);
        return (await Chain.StakeAsync(deployer, node.NodeId, wal * Wal, cancellationToken), activation);
    }

    /// <summary>Waits until the chain is in <paramref name="epoch"/> (or later) and its epoch change is done; refreshes the nodes' shards.</summary>
    public async Task WaitForEpochChangeDoneAsync(uint epoch, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var (current, state) = await Chain.GetEpochAsync(deadline.Token);
            if (current.Value > epoch || (current.Value == epoch && state != EpochState.EpochChangeSync))
            {
                await RefreshShardsAsync(cancellationToken);
                return;
            }

            await Task.Delay(250, deadline.Token);
        }
    }

    /// <summary>The locked shards the node's health reports; -1 while it does not answer (it is then asked again).</summary>
    private static async Task<int> LockedShardsAsync(TestbedNode node, CancellationToken cancellationToken)
    {
        try
        {
            var body = await node.Http.GetFromJsonAsync(NodeApiRoutes.Health, NodeApiJsonContext.Default.ApiSuccessBodyNodeHealth, cancellationToken);
            return body?.Success.Data.ShardSummary.Locked ?? -1;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A node that is gone holds nothing any more; one that does not answer is asked again.
            return node.IsRunning ? -1 : 0;
        }
    }

    /// <summary>The node called <paramref name="name"/>, or null.</summary>
    public TestbedNode? FindNode(string name) => Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));

    /// <summary>The epoch at which stake added now activates (the contract's rule): the next one, or the one after once the next committee is selected.</summary>
    private async Task<uint> ActivationEpochAsync(CancellationToken cancellationToken)
    {
        var (epoch, state) = await Chain.GetEpochAsync(cancellationToken);
        return state == EpochState.NextParamsSelected ? epoch.Value + 2 : epoch.Value + 1;
    }

    private string NextNodeName()
    {
        for (var i = 0; ; i++)
        {
            var name = "node-" + i.ToString(CultureInfo.InvariantCulture);
            if (!System.IO.Directory.Exists(Path.Combine(Directory, "nodes", name)) && !_nodes.Any(n => n.Name == name))
            {
                return name;
            }
        }
    }
}

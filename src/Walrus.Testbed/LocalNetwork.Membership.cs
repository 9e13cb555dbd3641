using System.Globalization;
using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.StorageNode.Node;

namespace Walrus.Testbed;

/// <summary>Membership changes in a running network: nodes join and leave, stake moves; each drives shard migrations at the next epoch change.</summary>
public sealed partial class LocalNetwork
{
    /// <summary>
    /// Adds a storage node the way an operator joins: new keys and config, registration with proof of possession,
    /// <paramref name="stakeWal"/> WAL staked by its owner, its process started. It enters the committee (and receives
    /// shards) at the first epoch whose committee is selected after its stake activates.
    /// </summary>
    /// <param name="stakeWal">WAL the node's owner stakes.</param>
    /// <param name="configure">Changes to the node's options before it first starts (null: the defaults).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<TestbedNode> AddNodeAsync(long stakeWal, Action<StorageNodeOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stakeWal, 1);
        using var deployer = PrivateKey.FromHex(DeployerKey);
        var name = "node-" + _nodes.Count.ToString(CultureInfo.InvariantCulture);
        var port = FreePort();
        var config = await WriteNodeConfigAsync(Path.Combine(Directory, "nodes", name), name, port, port, cancellationToken);
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

        var id = await RegisterAsync(config, stake, cancellationToken);
        var node = NewNode(name, id, port, config);
        _nodes.Add(node);
        await node.StartAsync(cancellationToken);
        await WriteStateAsync(cancellationToken);
        return node;
    }

    /// <summary>
    /// A node leaves the way an operator leaves: its owner deregisters it, so the next committee selection skips it and
    /// its shards move to the others at the next epoch change. The node keeps running to hand them over; stop it with
    /// <see cref="TestbedNode.StopAsync"/> once that epoch change is done (its stakers can withdraw then).
    /// </summary>
    public async Task DeregisterNodeAsync(TestbedNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var owner = await KeyFile.ReadAsync(NodeConfigFile.Read(node.ConfigFile).OwnerKeyFile, cancellationToken);
        await Chain.NodeRegistry.DeregisterNodeAsync(owner, node.NodeId, cancellationToken);
    }

    /// <summary>Stakes <paramref name="wal"/> more WAL (from the deployer's supply) with a node; returns the position's token id.</summary>
    public async Task<BigInteger> AddStakeAsync(TestbedNode node, long wal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var deployer = PrivateKey.FromHex(DeployerKey);
        return await Chain.StakeAsync(deployer, node.NodeId, wal * Wal, cancellationToken);
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
}

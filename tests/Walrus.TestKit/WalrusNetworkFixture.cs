using System.Globalization;
using System.Numerics;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Xunit;

namespace Walrus.TestKit;

/// <summary>
/// A deployed control plane on its own anvil: contracts/script/Deploy.s.sol (10 shards, one-hour epochs)
/// broadcast by anvil account 0 (which holds all WAL), then four storage nodes (owners: anvil accounts 1-4,
/// fixed signing keys) registered and staked through <see cref="WalrusChainClient"/> and a first committee
/// (epoch 1). Anvil account 5 is a funded user.
/// </summary>
public sealed class WalrusNetworkFixture : IAsyncLifetime, IDisposable
{
    /// <summary>One WAL in FROST.</summary>
    public static readonly BigInteger Wal = 1_000_000_000;

    /// <summary>Shards of the deployment.</summary>
    public const int Shards = 10;

    /// <summary>Epoch duration in seconds.</summary>
    public const int EpochSeconds = 3600;

    /// <summary>The chain.</summary>
    public AnvilFixture Anvil { get; } = new();

    /// <summary>The deployment.</summary>
    public WalrusDeployment Deployment { get; private set; } = null!;

    /// <summary>The service API on the deployment.</summary>
    public WalrusChainClient Chain { get; private set; } = null!;

    /// <summary>Node ids of the bootstrap nodes, in registration order.</summary>
    public IReadOnlyList<uint> NodeIds { get; private set; } = [];

    /// <summary>Owner key of node i (anvil account i + 1).</summary>
    public PrivateKey NodeOwner(int i) => TestKeys.Anvil(i + 1);

    /// <summary>Signing key of node i.</summary>
    public static PrivateKey NodeSigningKey(int i) => TestKeys.FromLabel("walrus-node-signing-" + i.ToString(CultureInfo.InvariantCulture));

    /// <summary>The funded user (anvil account 5) that stores blobs.</summary>
    public static PrivateKey User() => TestKeys.Anvil(5);

    /// <summary>Deploys, registers and stakes the nodes, and starts epoch 1.</summary>
    public async Task InitializeAsync()
    {
        await Anvil.InitializeAsync();
        Deployment = await DeployAsync(Anvil, Shards, EpochSeconds);
        Chain = new WalrusChainClient(new ContractClient(Anvil.NewSender()), Deployment);
        using var deployer = TestKeys.Anvil(0);
        var ids = new List<uint>();
        for (var i = 0; i < 4; i++)
        {
            using var owner = NodeOwner(i);
            using var signing = NodeSigningKey(i);
            await Chain.Wal.TransferAsync(deployer, owner.Address, 2_000_000 * Wal);
            var id = await Chain.RegisterNodeAsync(owner, signing, new NodeRegistration(
                "node-" + i.ToString(CultureInfo.InvariantCulture), "127.0.0.1:" + (9185 + i).ToString(CultureInfo.InvariantCulture), 1000, 1000, 2000, 1UL << 40));
            await Chain.StakeAsync(owner, id, 1_000_000 * Wal);
            ids.Add(id);
        }

        NodeIds = ids;
        using var user = User();
        await Chain.Wal.TransferAsync(deployer, user.Address, 10_000_000 * Wal);
        await Chain.ApproveWalAsync(user, 10_000_000 * Wal);
        await Chain.VotingEndAsync(deployer);
        await Chain.InitiateEpochChangeAsync(deployer);
    }

    /// <summary>Deploys the contracts with their forge script into <paramref name="anvil"/>.</summary>
    public static async Task<WalrusDeployment> DeployAsync(AnvilFixture anvil, int shards, int epochSeconds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(anvil);
        await ContractsBuild.EnsureBuiltAsync(cancellationToken);
        var relative = Path.Combine("deployments", "test-" + Guid.NewGuid().ToString("N") + ".json");
        await ContractsBuild.RunForgeAsync(
            // --slow sends each transaction after the previous one's receipt: a burst of concurrent sends once
            // left a nonce gap in anvil's pool and forge waiting for receipts that never came.
            ["script", "script/Deploy.s.sol", "--rpc-url", anvil.Endpoint.ToString(), "--broadcast", "--slow", "--private-key", TestKeys.AnvilPrivateKeys[0]],
            new Dictionary<string, string>
            {
                ["WALRUS_SHARDS"] = shards.ToString(CultureInfo.InvariantCulture),
                ["WALRUS_EPOCH_DURATION"] = epochSeconds.ToString(CultureInfo.InvariantCulture),
                ["WALRUS_DEPLOYMENT_FILE"] = relative,
            },
            cancellationToken);
        var path = Path.Combine(RepositoryPaths.Contracts, relative);
        try
        {
            return await WalrusDeployment.LoadAsync(path, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs a full epoch change: waits half an epoch, ends voting, waits, starts the change, all members sync.</summary>
    public async Task NextEpochAsync(CancellationToken cancellationToken = default)
    {
        using var deployer = TestKeys.Anvil(0);
        await Anvil.IncreaseTimeAsync(TimeSpan.FromSeconds(EpochSeconds / 2), cancellationToken);
        await Chain.VotingEndAsync(deployer, cancellationToken);
        await Anvil.IncreaseTimeAsync(TimeSpan.FromSeconds(EpochSeconds / 2), cancellationToken);
        await Chain.InitiateEpochChangeAsync(deployer, cancellationToken);
        await SyncAllAsync(cancellationToken);
    }

    /// <summary>Every committee member attests sync of the current epoch, until the state is EpochChangeDone.</summary>
    public async Task SyncAllAsync(CancellationToken cancellationToken = default)
    {
        var (epoch, state) = await Chain.GetEpochAsync(cancellationToken);
        if (state != EpochState.EpochChangeSync)
        {
            return;
        }

        var committee = await Chain.GetCommitteeAsync(epoch, cancellationToken);
        foreach (var member in committee.Members)
        {
            if ((await Chain.GetEpochAsync(cancellationToken)).State != EpochState.EpochChangeSync)
            {
                break;
            }

            var index = NodeIds.ToList().IndexOf(member.NodeId);
            using var owner = NodeOwner(index);
            await Chain.EpochSyncDoneAsync(owner, member.NodeId, epoch, cancellationToken);
        }
    }

    /// <summary>A certificate of <paramref name="digest"/> by the first committee members (ascending) until the threshold.</summary>
    public async Task<Certificate> CertifyAsync(Hash256 digest, bool strongQuorum = true, int? signers = null, CancellationToken cancellationToken = default)
    {
        var (epoch, _) = await Chain.GetEpochAsync(cancellationToken);
        var committee = await Chain.GetCommitteeAsync(epoch, cancellationToken);
        var builder = new CertificateBuilder(committee, digest);
        var count = 0;
        foreach (var member in committee.Members)
        {
            if (signers is { } wanted ? count >= wanted : strongQuorum ? builder.HasQuorum : builder.HasValidity)
            {
                break;
            }

            using var key = NodeSigningKey(NodeIds.ToList().IndexOf(member.NodeId));
            if (!builder.TryAdd(member.NodeId, key.SignHash(digest)))
            {
                throw new InvalidOperationException($"Node {member.NodeId}'s signature did not verify.");
            }

            count++;
        }

        return builder.Build();
    }

    /// <summary>Stops anvil.</summary>
    public Task DisposeAsync() => Anvil.DisposeAsync();

    /// <summary>Stops anvil.</summary>
    public void Dispose() => Anvil.Dispose();
}

using System.Numerics;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Events;
using Walrus.Chain.Rpc;
using Walrus.Chain.Services;
using Walrus.Chain.Transactions;
using Walrus.Core;
using Walrus.StorageNode.Node;

namespace Walrus.StorageNode.Chain;

/// <summary>
/// The node's only door to the chain: committee with network addresses, the event stream, node registration, epoch
/// sync attestations and invalid-blob certificates, over today's Walrus.Chain services. Keep every chain call here so the
/// node can be re-pointed at a changed chain API in one place.
/// </summary>
public sealed class NodeChainClient : IDisposable
{
    private readonly JsonRpcClient _rpc;

    private NodeChainClient(JsonRpcClient rpc, WalrusDeployment deployment)
    {
        _rpc = rpc;
        Eth = new EthClient(rpc);
        Deployment = deployment;
        Services = new WalrusChainClient(new ContractClient(new TransactionSender(Eth)), deployment);
    }

    /// <summary>The deployment's addresses.</summary>
    public WalrusDeployment Deployment { get; }

    /// <summary>Typed eth_* calls.</summary>
    public EthClient Eth { get; }

    /// <summary>The chain services (only this adapter uses them).</summary>
    public WalrusChainClient Services { get; }

    /// <summary>Connects to <paramref name="endpoint"/> for the deployment in <paramref name="deploymentFile"/>.</summary>
    public static async Task<NodeChainClient> ConnectAsync(Uri endpoint, string deploymentFile, CancellationToken cancellationToken)
    {
        var deployment = await WalrusDeployment.LoadAsync(deploymentFile, cancellationToken);
        return new NodeChainClient(new JsonRpcClient(new JsonRpcClientOptions { Endpoint = endpoint }), deployment);
    }

    /// <summary>The node id registered for a signing address, or 0.</summary>
    public Task<uint> FindNodeIdAsync(Address signingKey, CancellationToken cancellationToken) =>
        Services.NodeRegistry.NodeBySigningKeyAsync(signingKey, cancellationToken: cancellationToken);

    /// <summary>The current epoch.</summary>
    public async Task<uint> GetEpochAsync(CancellationToken cancellationToken) => (await Services.GetEpochAsync(cancellationToken)).Epoch.Value;

    /// <summary>The current committee with every member's network address, as this node sees it.</summary>
    public async Task<CommitteeView> GetCommitteeViewAsync(uint nodeId, CancellationToken cancellationToken) =>
        await GetCommitteeViewAsync(nodeId, await GetEpochAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// The committee of <paramref name="epoch"/> (the chain keeps the current one and the previous one until the next
    /// selection; any other epoch has no members) with every member's network address, as this node sees it.
    /// </summary>
    public async Task<CommitteeView> GetCommitteeViewAsync(uint nodeId, uint epoch, CancellationToken cancellationToken)
    {
        var committee = await Services.GetCommitteeAsync(new Epoch(epoch), cancellationToken);
        var members = new List<CommitteeMemberInfo>(committee.Members.Count);
        foreach (var member in committee.Members)
        {
            members.Add(new CommitteeMemberInfo(member.NodeId, [.. member.Shards.Select(s => s.Value)], member.SigningKey.ToString(), member.NetworkAddress));
        }

        return new CommitteeView(epoch, committee.ShardCount, nodeId, members);
    }

    /// <summary>The chain head.</summary>
    public Task<ulong> GetHeadAsync(CancellationToken cancellationToken) => Eth.GetBlockNumberAsync(cancellationToken);

    /// <summary>A follower of the BlobRegistry's and System's events from the saved cursor (or the deployment block).</summary>
    public EventFollower Follow(IEventCursorStore cursor, ulong confirmationDepth, bool useFinalizedTag, TimeSpan pollInterval, TimeProvider time) =>
        new(Eth, cursor, new EventFollowerOptions
        {
            Addresses = [Deployment.BlobRegistry, Deployment.System],
            StartBlock = Deployment.DeployBlock,
            ConfirmationDepth = confirmationDepth,
            UseFinalizedTag = useFinalizedTag,
            PollInterval = pollInterval,
            TimeProvider = time,
        });

    /// <summary>Registers a node with proof of possession of its signing key and stakes for it; returns the node id.</summary>
    public async Task<uint> RegisterNodeAsync(PrivateKey owner, PrivateKey signingKey, NodeRegistration registration, BigInteger stake, CancellationToken cancellationToken)
    {
        var id = await Services.RegisterNodeAsync(owner, signingKey, registration, cancellationToken);
        if (stake > 0)
        {
            await Services.StakeAsync(owner, id, stake, cancellationToken);
        }

        return id;
    }

    /// <summary>Epoch, state and transition times.</summary>
    public Task<SystemState> GetSystemStateAsync(CancellationToken cancellationToken) => Services.GetSystemStateAsync(cancellationToken);

    /// <summary>Ends voting for the next epoch (permissionless; reverts when not due or done already).</summary>
    public Task VotingEndAsync(PrivateKey sender, CancellationToken cancellationToken) => Services.VotingEndAsync(sender, cancellationToken);

    /// <summary>Starts the next epoch (permissionless; reverts when not due or done already).</summary>
    public Task InitiateEpochChangeAsync(PrivateKey sender, CancellationToken cancellationToken) => Services.InitiateEpochChangeAsync(sender, cancellationToken);

    /// <summary>Attests that the node holds its shards of <paramref name="epoch"/>.</summary>
    public Task EpochSyncDoneAsync(PrivateKey signer, uint nodeId, uint epoch, CancellationToken cancellationToken) =>
        Services.EpochSyncDoneAsync(signer, nodeId, new Epoch(epoch), cancellationToken);

    /// <summary>
    /// Submits an invalid-blob certificate built from members' signatures (node id -> 65-byte signature) over the
    /// InvalidBlob digest of <paramref name="epoch"/>; false when they do not reach f+1 shards.
    /// </summary>
    public async Task<bool> InvalidateBlobAsync(PrivateKey sender, uint epoch, BlobId blobId, IReadOnlyDictionary<uint, byte[]> signatures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        var committee = await Services.GetCommitteeAsync(new Epoch(epoch), cancellationToken);
        var builder = new CertificateBuilder(committee, Services.InvalidBlobDigest(new Epoch(epoch), blobId));
        foreach (var (nodeId, signature) in signatures.OrderBy(kv => kv.Key))
        {
            builder.TryAdd(nodeId, Signature.FromBytes(signature));
            if (builder.HasValidity)
            {
                break;
            }
        }

        if (!builder.HasValidity)
        {
            return false;
        }

        await Services.InvalidateBlobAsync(sender, blobId, builder.Build(), cancellationToken);
        return true;
    }

    public void Dispose() => _rpc.Dispose();
}

using System.Numerics;
using System.Runtime.CompilerServices;
using Walrus.Chain.Abi;
using Walrus.Chain.Crypto.Eip712;
using Walrus.Chain.Generated;
using Walrus.Chain.Rpc;
using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>
/// The control plane for the rest of the system: system state, storage and blobs, staking, epochs,
/// governance and slashing, over the generated bindings of one deployment. Reverts surface as
/// <see cref="ContractRevertException"/> named after the contract error, whichever contract raised it.
/// </summary>
public sealed partial class WalrusChainClient
{
    // References, so that a reader on another thread sees either nothing or the whole value (no torn Nullable<Hash256>).
    private volatile StrongBox<Hash256>? _registryDomain;
    private volatile StrongBox<Hash256>? _nodeRegistryDomain;

    /// <summary>Binds a deployment.</summary>
    public WalrusChainClient(ContractClient client, WalrusDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(deployment);
        Client = client;
        Deployment = deployment;
        client.SharedErrors = AllErrors;
        Wal = new WALContract(client, deployment.Wal);
        Directory = new DirectoryContract(client, deployment.Directory);
        NodeRegistry = new NodeRegistryContract(client, deployment.NodeRegistry);
        Staking = new StakingContract(client, deployment.Staking);
        StakedWal = new StakedWalContract(client, deployment.StakedWal);
        System = new SystemContract(client, deployment.System);
        StorageResource = new StorageResourceContract(client, deployment.StorageResource);
        BlobRegistry = new BlobRegistryContract(client, deployment.BlobRegistry);
        Slashing = new SlashingContract(client, deployment.Slashing);
        Governance = new GovernanceContract(client, deployment.Governance);
    }

    /// <summary>Every contract's custom errors.</summary>
    public static AbiErrorRegistry AllErrors { get; } = BuildAllErrors();

    /// <summary>The deployment's addresses.</summary>
    public WalrusDeployment Deployment { get; }

    /// <summary>Calls and transactions.</summary>
    public ContractClient Client { get; }

    /// <summary>The WAL token.</summary>
    public WALContract Wal { get; }

    /// <summary>The directory of contract addresses.</summary>
    public DirectoryContract Directory { get; }

    /// <summary>Storage nodes and their signing keys.</summary>
    public NodeRegistryContract NodeRegistry { get; }

    /// <summary>Staking pools.</summary>
    public StakingContract Staking { get; }

    /// <summary>Stake positions (ERC-721).</summary>
    public StakedWalContract StakedWal { get; }

    /// <summary>Epochs, committees, prices, capacity, certificates.</summary>
    public SystemContract System { get; }

    /// <summary>Storage reservations (ERC-721).</summary>
    public StorageResourceContract StorageResource { get; }

    /// <summary>Blobs (ERC-721).</summary>
    public BlobRegistryContract BlobRegistry { get; }

    /// <summary>Slashing votes.</summary>
    public SlashingContract Slashing { get; }

    /// <summary>Parameter and upgrade governance.</summary>
    public GovernanceContract Governance { get; }

    /// <summary>The EIP-712 domain separator for confirmations and invalid-blob attestations (computed locally).</summary>
    public Hash256 BlobRegistryDomainSeparator =>
        (_registryDomain ??= new StrongBox<Hash256>(WalrusMessages.Domain(Deployment.ChainId, Deployment.BlobRegistry).Separator())).Value;

    /// <summary>The EIP-712 domain separator for proofs of possession (computed locally).</summary>
    public Hash256 NodeRegistryDomainSeparator =>
        (_nodeRegistryDomain ??= new StrongBox<Hash256>(WalrusMessages.Domain(Deployment.ChainId, Deployment.NodeRegistry).Separator())).Value;

    /// <summary>The current epoch and its state.</summary>
    public async Task<(Epoch Epoch, EpochState State)> GetEpochAsync(CancellationToken cancellationToken = default)
    {
        var info = await System.EpochInfoAsync(cancellationToken: cancellationToken);
        return (new Epoch(info.Epoch), (EpochState)info.State);
    }

    /// <summary>Epoch, state, prices, capacity and timing: one JSON-RPC batch of eth_calls at one block.</summary>
    public async Task<SystemState> GetSystemStateAsync(CancellationToken cancellationToken = default)
    {
        var system = Deployment.System;
        var results = await Client.CallManyAsync(
        [
            new(system, SystemContract.Functions.EpochInfo, []),
            new(system, SystemContract.Functions.NShards, []),
            new(system, SystemContract.Functions.StoragePrice, []),
            new(system, SystemContract.Functions.WritePrice, []),
            new(system, SystemContract.Functions.TotalCapacity, []),
            new(system, SystemContract.Functions.UsedCapacity, []),
            new(system, SystemContract.Functions.EpochDuration, []),
            new(system, SystemContract.Functions.MaxEpochsAhead, []),
            new(system, SystemContract.Functions.NextTransitionTimes, []),
        ], SystemContract.Errors, cancellationToken, await LatestBlockAsync(cancellationToken));
        return new SystemState(
            new Epoch((uint)results[0][0]!), (EpochState)(byte)results[0][1]!, (ushort)results[1][0]!, (ulong)results[2][0]!, (ulong)results[3][0]!,
            (BigInteger)results[4][0]!, (BigInteger)results[5][0]!, (ulong)results[6][0]!, (uint)results[7][0]!,
            (BigInteger)results[8][0]!, (BigInteger)results[8][1]!);
    }

    /// <summary>
    /// The committee of <paramref name="epoch"/> (current or previous), ascending by node id, with each member's
    /// signing key, shards, name and network address: two JSON-RPC requests (the member list, then every member's
    /// shards and registry entry in one batch), all at one block, so the parts cannot come from different states.
    /// </summary>
    public async Task<Committee> GetCommitteeAsync(Epoch epoch, CancellationToken cancellationToken = default)
    {
        var blockNumber = await Client.Eth.GetBlockNumberAsync(cancellationToken);
        var block = BlockParameter.Number(blockNumber);
        var system = Deployment.System;
        var first = await Client.CallManyAsync(
            [new(system, SystemContract.Functions.NShards, []), new(system, SystemContract.Functions.Committee, [epoch.Value])],
            SystemContract.Errors, cancellationToken, block);
        var shardCount = (ushort)first[0][0]!;
        var ids = ((object?[])first[1][0]!).Select(v => (uint)v!).ToList();
        var weights = ((object?[])first[1][1]!).Select(v => (ushort)v!).ToList();
        var signers = ((object?[])first[1][2]!).Select(v => (Address)v!).ToList();
        var calls = new List<ContractCall>(ids.Count * 2);
        foreach (var id in ids)
        {
            calls.Add(new ContractCall(system, SystemContract.Functions.ShardsOf, [epoch.Value, id]));
            calls.Add(new ContractCall(Deployment.NodeRegistry, NodeRegistryContract.Functions.Node, [id]));
        }

        var details = calls.Count == 0 ? [] : await Client.CallManyAsync(calls, SystemContract.Errors, cancellationToken, block);
        var members = new List<CommitteeMember>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            var shards = ((object?[])details[2 * i][0]!).Select(v => new ShardIndex((ushort)v!)).ToList();
            var node = (object?[])details[(2 * i) + 1][0]!;
            members.Add(new CommitteeMember(ids[i], weights[i], signers[i], shards, (string)node[3]!, (string)node[4]!));
        }

        return new Committee(epoch, shardCount, members, blockNumber);
    }

    private async Task<BlockParameter> LatestBlockAsync(CancellationToken cancellationToken) =>
        BlockParameter.Number(await Client.Eth.GetBlockNumberAsync(cancellationToken));

    /// <summary>Prices in FROST per MiB of encoded size: storage per epoch, and the one-off write price.</summary>
    public async Task<(ulong StoragePrice, ulong WritePrice)> GetPricesAsync(CancellationToken cancellationToken = default)
    {
        var storage = System.StoragePriceAsync(cancellationToken: cancellationToken);
        var write = System.WritePriceAsync(cancellationToken: cancellationToken);
        return (await storage, await write);
    }

    /// <summary>Total and used storage capacity in encoded bytes.</summary>
    public async Task<(BigInteger Total, BigInteger Used)> GetCapacityAsync(CancellationToken cancellationToken = default)
    {
        var total = System.TotalCapacityAsync(cancellationToken: cancellationToken);
        var used = System.UsedCapacityAsync(cancellationToken: cancellationToken);
        return (await total, await used);
    }

    private static AbiErrorRegistry BuildAllErrors() =>
        new AbiErrorRegistry()
            .AddRange(Known(WALContract.Errors)).AddRange(Known(DirectoryContract.Errors)).AddRange(Known(NodeRegistryContract.Errors))
            .AddRange(Known(StakingContract.Errors)).AddRange(Known(StakedWalContract.Errors)).AddRange(Known(SystemContract.Errors))
            .AddRange(Known(StorageResourceContract.Errors)).AddRange(Known(BlobRegistryContract.Errors))
            .AddRange(Known(SlashingContract.Errors)).AddRange(Known(GovernanceContract.Errors));

    private static IEnumerable<AbiError> Known(AbiErrorRegistry registry) => registry.All;

    private static T Single<T>(TransactionReceipt receipt, TryDecode<T> decode, string eventName)
        where T : class
    {
        foreach (var log in receipt.Logs)
        {
            if (decode(log, out var decoded))
            {
                return decoded!;
            }
        }

        throw new InvalidOperationException($"Transaction {receipt.TransactionHash} emitted no {eventName} event.");
    }

    private static List<T> All<T>(TransactionReceipt receipt, TryDecode<T> decode)
        where T : class
    {
        var result = new List<T>();
        foreach (var log in receipt.Logs)
        {
            if (decode(log, out var decoded))
            {
                result.Add(decoded!);
            }
        }

        return result;
    }

    private delegate bool TryDecode<T>(LogEntry log, out T? decoded)
        where T : class;
}

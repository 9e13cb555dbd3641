using System.Numerics;
using Walrus.Chain.Abi;
using Walrus.Chain.Generated;
using Walrus.Chain.Rpc;
using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>Cost quotes and the storage reservations an account holds.</summary>
public sealed partial class WalrusChainClient
{
    /// <summary>The widest eth_getLogs range asked for when scanning for storage tokens; halved while the provider refuses.</summary>
    public ulong LogScanRange { get; init; } = 10_000;

    /// <summary>
    /// The cost of storing a blob of <paramref name="unencodedSize"/> bytes for <paramref name="epochs"/> epochs with
    /// the contracts' own pricing (BlobRegistry.encodedSize, System.storageCost and writeCost), read at one block.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The blob is too large for the system's shard count, or epochs is 0.</exception>
    public async Task<CostQuote> QuoteStoreAsync(ulong unencodedSize, uint epochs, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(epochs);
        var blockNumber = await Client.Eth.GetBlockNumberAsync(cancellationToken);
        var block = BlockParameter.Number(blockNumber);
        var first = await Client.CallManyAsync(
            [new(Deployment.BlobRegistry, BlobRegistryContract.Functions.EncodedSize, [unencodedSize]), new(Deployment.System, SystemContract.Functions.EpochInfo, [])],
            SystemContract.Errors, cancellationToken, block);
        var encoded = (BigInteger)first[0][0]!;
        if (encoded.IsZero)
        {
            throw new ArgumentOutOfRangeException(nameof(unencodedSize), unencodedSize, "The blob is too large for the system's shard count.");
        }

        var costs = await Client.CallManyAsync(
            [new(Deployment.System, SystemContract.Functions.StorageCost, [encoded, epochs]), new(Deployment.System, SystemContract.Functions.WriteCost, [encoded])],
            SystemContract.Errors, cancellationToken, block);
        return new CostQuote(unencodedSize, encoded, epochs, (BigInteger)costs[0][0]!, (BigInteger)costs[1][0]!, new Epoch((uint)first[1][0]!), blockNumber);
    }

    /// <summary>
    /// The storage reservations <paramref name="owner"/> holds now: token ids from the StorageResource Transfer logs
    /// to the owner since the deployment block, then owner and resource of each, all read at one block. Ascending by
    /// token id; burned, consumed and transferred-away tokens are left out.
    /// </summary>
    public async Task<IReadOnlyList<OwnedStorage>> GetOwnedStorageAsync(Address owner, CancellationToken cancellationToken = default)
    {
        var blockNumber = await Client.Eth.GetBlockNumberAsync(cancellationToken);
        var transfer = StorageResourceContract.Events.Transfer;
        var candidates = new SortedSet<BigInteger>();
        var range = Math.Max(1, LogScanRange);
        for (var from = Deployment.DeployBlock; from <= blockNumber;)
        {
            var to = Math.Min(blockNumber, from + range - 1);
            IReadOnlyList<LogEntry> logs;
            try
            {
                logs = await Client.Eth.GetLogsAsync(new LogFilter(from, to)
                {
                    Addresses = [Deployment.StorageResource],
                    Topics = [[transfer.Topic0], null, [AbiEvent.TopicOf(AbiType.Parse("address"), owner)]],
                }, cancellationToken);
            }
            catch (RpcException e) when (e.IsLogRangeTooLarge && range > 1)
            {
                range = Math.Max(1, range / 2);
                continue;
            }

            foreach (var log in logs)
            {
                if (StorageResourceContract.TryDecodeTransfer(log, out var t) && t.To == owner)
                {
                    candidates.Add(t.TokenId);
                }
            }

            from = to + 1;
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        var ids = candidates.ToList();
        var requests = new List<CallRequest>(ids.Count * 2);
        foreach (var id in ids)
        {
            requests.Add(new CallRequest { To = Deployment.StorageResource, Data = StorageResourceContract.Functions.OwnerOf.EncodeCall(id) });
            requests.Add(new CallRequest { To = Deployment.StorageResource, Data = StorageResourceContract.Functions.Resource.EncodeCall(id) });
        }

        var results = await Client.Eth.CallManyAsync(requests, BlockParameter.Number(blockNumber), cancellationToken);
        var owned = new List<OwnedStorage>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (results[2 * i].Error is { IsRevert: true } || results[(2 * i) + 1].Error is { IsRevert: true })
            {
                continue; // burned or consumed since
            }

            var holder = (Address)Decode(StorageResourceContract.Functions.OwnerOf, results[2 * i])[0]!;
            if (holder != owner)
            {
                continue;
            }

            var resource = Decode(StorageResourceContract.Functions.Resource, results[(2 * i) + 1]);
            owned.Add(new OwnedStorage(ids[i], new Epoch((uint)resource[0]!), new Epoch((uint)resource[1]!), (ulong)resource[2]!));
        }

        return owned;
    }

    private static object?[] Decode(AbiFunction function, RpcResult result)
    {
        var data = EthClient.Parse("eth_call", result.GetResultOrThrow(), static e => Hex.Decode(e.GetString()!));
        try
        {
            return function.DecodeOutput(data);
        }
        catch (FormatException e)
        {
            throw new RpcMalformedResponseException("eth_call", $"{function.Name} returned data that does not decode: {e.Message}", e);
        }
    }
}

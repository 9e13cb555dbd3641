using System.Numerics;
using Walrus.Chain;
using Walrus.Chain.Abi;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;

namespace Walrus.Client;

/// <summary>The ERC-721 tokens (blob objects, stake positions) an account holds, found through their Transfer logs.</summary>
public sealed partial class WalrusClient
{
    /// <summary>The widest eth_getLogs range asked for when scanning for tokens; halved while the provider refuses.</summary>
    public ulong LogScanRange { get; init; } = 10_000;

    /// <summary>The wallet, or an <see cref="InvalidOperationException"/> naming the operation that needs it.</summary>
    private PrivateKey WalletFor(string operation) =>
        _wallet ?? throw new InvalidOperationException($"{operation} needs a wallet: pass --wallet or set \"wallet\" in the client config (walrus generate-wallet makes one).");

    /// <summary>
    /// The tokens of the ERC-721 contract <paramref name="token"/> that <paramref name="owner"/> holds at
    /// <paramref name="block"/>, each with the outputs of <paramref name="detail"/>(tokenId) on <paramref name="detailContract"/>
    /// read at the same block: token ids from the Transfer logs to the owner since the deployment block, then ownerOf and
    /// the detail call of each in one JSON-RPC batch. Burned and transferred-away tokens are left out; ascending by id.
    /// </summary>
    private async Task<IReadOnlyList<(BigInteger TokenId, object?[] Detail)>> GetOwnedTokensAsync(
        Address token, Hash256 transferTopic, AbiFunction ownerOf, Address owner, Address detailContract, AbiFunction detail, ulong block,
        CancellationToken cancellationToken)
    {
        var eth = Chain.Client.Eth;
        var candidates = new SortedSet<BigInteger>();
        var ownerTopic = AbiEvent.TopicOf(AbiType.Parse("address"), owner);
        var range = Math.Max(1, LogScanRange);
        for (var from = Chain.Deployment.DeployBlock; from <= block;)
        {
            var to = Math.Min(block, from + range - 1);
            IReadOnlyList<LogEntry> logs;
            try
            {
                logs = await eth.GetLogsAsync(new LogFilter(from, to) { Addresses = [token], Topics = [[transferTopic], null, [ownerTopic]] }, cancellationToken);
            }
            catch (RpcException e) when (e.IsLogRangeTooLarge && range > 1)
            {
                range = Math.Max(1, range / 2);
                continue;
            }

            foreach (var log in logs)
            {
                // Transfer(address indexed from, address indexed to, uint256 indexed tokenId): the id is the fourth topic.
                if (log.Topics.Count == 4)
                {
                    candidates.Add(new BigInteger(log.Topics[3].ToArray(), isUnsigned: true, isBigEndian: true));
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
            requests.Add(new CallRequest { To = token, Data = ownerOf.EncodeCall([id]) });
            requests.Add(new CallRequest { To = detailContract, Data = detail.EncodeCall([id]) });
        }

        var results = await eth.CallManyAsync(requests, BlockParameter.Number(block), cancellationToken);
        var owned = new List<(BigInteger, object?[])>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            var holder = results[2 * i];
            var details = results[(2 * i) + 1];
            if (holder.Error is { IsRevert: true } || details.Error is { IsRevert: true })
            {
                continue; // burned since
            }

            if ((Address)Decode(ownerOf, holder)[0]! != owner)
            {
                continue; // transferred away since
            }

            owned.Add((ids[i], Decode(detail, details)));
        }

        return owned;
    }

    private static object?[] Decode(AbiFunction function, RpcResult result)
    {
        var data = Hex.Decode(result.GetResultOrThrow().GetString() ?? "0x");
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

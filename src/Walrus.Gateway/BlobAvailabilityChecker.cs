using System.Collections.Concurrent;
using Walrus.Chain;
using Walrus.Chain.Generated;
using Walrus.Chain.Services;
using Walrus.Client;
using Walrus.Core;

namespace Walrus.Gateway;

/// <summary>
/// Answers "can this blob id be read?" from the chain alone (invalid, certified and every committee member's deny list in
/// one JSON-RPC batch of eth_calls at one block, plus one eth_getLogs for deletable blobs), so
/// that an unknown blob id answers 404 at once instead of after asking every storage node. An available blob is
/// remembered for a short time; an unavailable one is not (it may be certified the next moment).
/// </summary>
public sealed class BlobAvailabilityChecker(WalrusClient client, TimeProvider time, TimeSpan cacheTime)
{
    private readonly ConcurrentDictionary<BlobId, (BlobAvailability Answer, long At)> _recent = new();

    /// <summary>The blob id's availability now.</summary>
    public async Task<BlobAvailability> CheckAsync(BlobId blobId, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_recent.TryGetValue(blobId, out var recent) && time.GetElapsedTime(recent.At, now) < cacheTime)
        {
            return recent.Answer;
        }

        var answer = await CheckOnChainAsync(blobId, cancellationToken);
        if (answer.Kind != BlobAvailabilityKind.Available)
        {
            // Only availability is remembered: a blob certified a moment ago must not be "not found" for a while.
            return answer;
        }

        if (_recent.Count > 100_000)
        {
            _recent.Clear();
        }

        _recent[blobId] = (answer, now);
        return answer;
    }

    /// <summary>Forgets what was remembered of a blob id (after this gateway stored it).</summary>
    public void Forget(BlobId blobId) => _recent.TryRemove(blobId, out _);

    private async Task<BlobAvailability> CheckOnChainAsync(BlobId blobId, CancellationToken cancellationToken)
    {
        var chain = client.Chain;
        var hash = blobId.ToHash256();
        var committee = await client.GetCommitteeAsync(cancellationToken);

        // One batch instead of one request per committee member (a committee of 100 made a read of an unknown blob id 100 requests).
        var calls = new List<ContractCall>(committee.Members.Count + 2)
        {
            new(chain.BlobRegistry.Address, BlobRegistryContract.Functions.IsInvalid, [hash]),
            new(chain.BlobRegistry.Address, BlobRegistryContract.Functions.IsBlobCertified, [hash]),
        };
        foreach (var member in committee.Members)
        {
            calls.Add(new ContractCall(chain.NodeRegistry.Address, NodeRegistryContract.Functions.IsBlobDenied, [member.NodeId, hash]));
        }

        var results = await chain.Client.CallManyAsync(calls, WalrusChainClient.AllErrors, cancellationToken);
        if ((bool)results[0][0]!)
        {
            return new BlobAvailability(BlobAvailabilityKind.NotFound, default, "it is marked invalid");
        }

        var deniedWeight = 0;
        for (var i = 0; i < committee.Members.Count; i++)
        {
            deniedWeight += (bool)results[i + 2][0]! ? committee.Members[i].Weight : 0;
        }

        if (committee.IsValidity(deniedWeight))
        {
            return new BlobAvailability(BlobAvailabilityKind.Forbidden, default, "storage nodes holding more than a third of the shards deny it");
        }

        if ((bool)results[1][0]!)
        {
            return new BlobAvailability(BlobAvailabilityKind.Available, new Epoch((uint)results[1][1]!), "");
        }

        // Deletable blobs are visible per object only: look for a certified, unexpired one.
        var end = Epoch.Zero;
        foreach (var (record, _) in await client.FindBlobObjectsAsync(blobId, cancellationToken))
        {
            if (record.CertifiedEpoch is not null && record.EndEpoch > committee.Epoch && record.EndEpoch > end)
            {
                end = record.EndEpoch;
            }
        }

        return end > committee.Epoch
            ? new BlobAvailability(BlobAvailabilityKind.Available, end, "")
            : new BlobAvailability(BlobAvailabilityKind.NotFound, default, "no certified, unexpired blob object has it");
    }
}

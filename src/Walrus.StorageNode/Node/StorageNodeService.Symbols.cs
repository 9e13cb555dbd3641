using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Node;

/// <summary>Recovery and decoding symbols, inconsistency proofs and blob status.</summary>
public sealed partial class StorageNodeService
{
    public async Task<byte[]> GetRecoverySymbolsForTargetAsync(BlobId blobId, int targetIndex, SliverType targetType, CancellationToken cancellationToken)
    {
        var committee = RequireCommittee();
        var target = RequireSliverIndex(committee, targetIndex);
        RequireReadable(blobId);
        var config = Config(committee);
        var metadata = LoadMetadata(blobId) ?? throw new NodeException(NodeErrorReason.MetadataNotFound, "The metadata of the blob is not stored on this node.");
        _ = metadata;
        using var permit = await EnterSymbolRequestAsync(cancellationToken);
        var sourceType = Other(targetType);
        var symbols = new List<GeneralRecoverySymbol>();
        foreach (var shard in ServedShards(committee))
        {
            var source = LoadSliver(config, blobId, shard, sourceType);
            if (source is not null)
            {
                symbols.Add(new ExpandedSliver(source, config).CreateGeneralRecoverySymbol(target));
            }
        }

        if (symbols.Count == 0)
        {
            throw new NodeException(NodeErrorReason.SliverNotFound, "This node holds no sliver of the blob to make symbols from.");
        }

        return RecoverySymbolList.ToBcs(symbols);
    }

    public async Task<byte[]> GetRecoverySymbolsAsync(BlobId blobId, IReadOnlyList<SymbolId> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var committee = RequireCommittee();
        var config = Config(committee);
        if (ids.Count == 0 || ids.Count > NodeApiLimits.MaxSymbolIds(config))
        {
            throw new NodeException(NodeErrorReason.MalformedRequest, $"Ask for 1 to {NodeApiLimits.MaxSymbolIds(config)} symbol ids.");
        }

        foreach (var id in ids)
        {
            RequireSliverIndex(committee, id.Primary.Value);
            RequireSliverIndex(committee, id.Secondary.Value);
        }

        RequireReadable(blobId);
        _ = LoadMetadata(blobId) ?? throw new NodeException(NodeErrorReason.MetadataNotFound, "The metadata of the blob is not stored on this node.");
        using var permit = await EnterSymbolRequestAsync(cancellationToken);
        var expanded = new Dictionary<(SliverType, ushort), ExpandedSliver?>();
        var symbols = new List<GeneralRecoverySymbol>();
        foreach (var id in ids)
        {
            // The symbol at (P, S) lies on primary sliver P and on secondary sliver S: use whichever this node holds.
            var fromPrimary = Expanded(expanded, config, committee, blobId, SliverType.Primary, id.Primary);
            if (fromPrimary is not null)
            {
                symbols.Add(fromPrimary.CreateGeneralRecoverySymbol(id.Secondary));
                continue;
            }

            var fromSecondary = Expanded(expanded, config, committee, blobId, SliverType.Secondary, id.Secondary);
            if (fromSecondary is not null)
            {
                symbols.Add(fromSecondary.CreateGeneralRecoverySymbol(id.Primary));
            }
        }

        if (symbols.Count == 0)
        {
            throw new NodeException(NodeErrorReason.SliverNotFound, "This node holds none of the requested symbols.");
        }

        return RecoverySymbolList.ToBcs(symbols);
    }

    public async Task<byte[]> GetDecodingSymbolsAsync(BlobId blobId, IReadOnlyList<int> targets, SliverType targetType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var committee = RequireCommittee();
        var config = Config(committee);
        if (targets.Count == 0 || targets.Count > NodeApiLimits.MaxTargetSlivers(config))
        {
            throw new NodeException(NodeErrorReason.MalformedRequest, $"Ask for 1 to {NodeApiLimits.MaxTargetSlivers(config)} target slivers.");
        }

        var indices = new SortedSet<ushort>();
        foreach (var target in targets)
        {
            indices.Add(RequireSliverIndex(committee, target).Value);
        }

        RequireReadable(blobId);
        _ = LoadMetadata(blobId) ?? throw new NodeException(NodeErrorReason.MetadataNotFound, "The metadata of the blob is not stored on this node.");
        using var permit = await EnterSymbolRequestAsync(cancellationToken);
        var sources = new List<ExpandedSliver>();
        foreach (var shard in ServedShards(committee))
        {
            if (LoadSliver(config, blobId, shard, Other(targetType)) is { } source)
            {
                sources.Add(new ExpandedSliver(source, config));
            }
        }

        if (sources.Count == 0)
        {
            throw new NodeException(NodeErrorReason.SliverNotFound, "This node holds no sliver of the blob to make symbols from.");
        }

        var map = new Dictionary<ushort, IReadOnlyList<EitherDecodingSymbol>>();
        foreach (var index in indices)
        {
            var list = new List<EitherDecodingSymbol>(sources.Count);
            foreach (var source in sources)
            {
                list.Add(new EitherDecodingSymbol(targetType, source.CreateDecodingSymbol(new SliverIndex(index))));
            }

            map[index] = list;
        }

        return DecodingSymbolMap.ToBcs(map);
    }

    public long InconsistencyProofBodyLimit(BlobId blobId)
    {
        var committee = RequireCommittee();
        RequireReadable(blobId);
        return NodeApiLimits.MaxInconsistencyProofBody(Config(committee));
    }

    public SignedMessage VerifyInconsistencyProof(BlobId blobId, SliverType targetType, ReadOnlySpan<byte> body)
    {
        var committee = RequireCommittee();
        var config = Config(committee);
        var metadata = LoadMetadata(blobId) ?? throw new NodeException(NodeErrorReason.MetadataNotFound, "The metadata of the blob is not stored on this node.");
        if (!InconsistencyProof.TryFromBcs(body, targetType, config.SymbolsForRecovery(targetType), out var proof, out var error))
        {
            throw new NodeException(NodeErrorReason.MalformedBody, "The body is not a BCS inconsistency proof: " + error);
        }

        RequireSliverIndex(committee, proof.TargetSliverIndex.Value);
        var result = proof.Verify(metadata, config);
        if (result != InconsistencyVerificationResult.Valid)
        {
            throw new NodeException(NodeErrorReason.InvalidInconsistencyProof, "The inconsistency proof does not hold: " + result);
        }

        return _signer.Sign(new InvalidBlobMessage(committee.Epoch, blobId));
    }

    public BlobStatus GetBlobStatus(BlobId blobId)
    {
        var epoch = _committee?.Epoch ?? 0;
        return _store.GetBlob(blobId)?.ToStatus(epoch) ?? BlobStatus.Nonexistent;
    }

    private static SliverType Other(SliverType type) => type == SliverType.Primary ? SliverType.Secondary : SliverType.Primary;

    private static SliverIndex RequireSliverIndex(CommitteeView committee, int index)
    {
        if (index < 0 || index >= committee.ShardCount)
        {
            throw new NodeException(NodeErrorReason.IndexOutOfRange, $"Sliver index {index} is not below the shard count {committee.ShardCount}.");
        }

        return new SliverIndex((ushort)index);
    }

    private SliverData? LoadSliver(EncodingConfig config, BlobId blobId, ShardIndex shard, SliverType type)
    {
        var bytes = _store.GetSliver(shard, blobId, type);
        return bytes is not null && SliverData.TryFromBcs(bytes, type, config.MaxSliverSize, out var sliver, out _) ? sliver : null;
    }

    private ExpandedSliver? Expanded(Dictionary<(SliverType, ushort), ExpandedSliver?> cache, EncodingConfig config, CommitteeView committee, BlobId blobId, SliverType type, SliverIndex index)
    {
        if (cache.TryGetValue((type, index.Value), out var cached))
        {
            return cached;
        }

        var pair = index.ToPairIndex(type, config.ShardCount);
        var shard = ShardMapping.ShardForPair(blobId, pair, config.ShardCount);
        ExpandedSliver? result = null;
        if (Serves(committee, shard) && LoadSliver(config, blobId, shard, type) is { } sliver)
        {
            result = new ExpandedSliver(sliver, config);
        }

        cache[(type, index.Value)] = result;
        return result;
    }

    private async Task<IDisposable> EnterSymbolRequestAsync(CancellationToken cancellationToken)
    {
        if (!await _symbolRequests.WaitAsync(0, cancellationToken))
        {
            throw new NodeException(NodeErrorReason.BlobUnavailable, "Too many symbol requests in progress; retry later.");
        }

        return new Permit(_symbolRequests);
    }

    private sealed class Permit(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}

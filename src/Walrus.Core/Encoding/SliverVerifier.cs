using System.Buffers;
using Walrus.Core.Merkle;

namespace Walrus.Core.Encoding;

/// <summary>
/// Checks slivers against blob metadata (docs/protocol.md §8): index, length and symbol size, then the Merkle root over
/// the sliver expanded to n symbols with the orthogonal code. Many slivers are checked in one batched pass.
/// </summary>
public static class SliverVerifier
{
    /// <summary>Checks one sliver.</summary>
    public static SliverVerificationResult Verify(SliverData sliver, BlobMetadata metadata, EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(sliver);
        return VerifyMany([sliver], metadata, config, 1)[0];
    }

    /// <summary>Checks many slivers (of either type) at once, on up to <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    public static SliverVerificationResult[] VerifyMany(IReadOnlyList<SliverData> slivers, BlobMetadata metadata, EncodingConfig config, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(slivers);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(config);
        var results = new SliverVerificationResult[slivers.Count];
        if (metadata.ShardCount != config.ShardCount)
        {
            // The same answer RecoverySymbol.Verify gives: the metadata has no hash for this committee's slivers.
            Array.Fill(results, SliverVerificationResult.InvalidMetadata);
            return results;
        }

        var hasSymbolSize = metadata.TryGetSymbolSize(config, out var symbolSize);
        var toHash = new List<int>();
        for (var i = 0; i < slivers.Count; i++)
        {
            var sliver = slivers[i];
            if (sliver.Index.Value >= metadata.ShardCount)
            {
                results[i] = SliverVerificationResult.IndexTooLarge;
            }
            else if (!hasSymbolSize || sliver.Symbols.Length != (long)config.SymbolsPerSliver(sliver.Type) * symbolSize)
            {
                results[i] = SliverVerificationResult.SliverSizeMismatch;
            }
            else if (sliver.SymbolSize != symbolSize)
            {
                results[i] = SliverVerificationResult.SymbolSizeMismatch;
            }
            else
            {
                toHash.Add(i);
            }
        }

        var candidates = new SliverData[toHash.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = slivers[toHash[i]];
        }

        var roots = ComputeRoots(candidates, config, maxDegreeOfParallelism);
        for (var i = 0; i < candidates.Length; i++)
        {
            var sliver = candidates[i];
            var expected = metadata.GetSliverHash(sliver.Index.ToPairIndex(sliver.Type, config.ShardCount), sliver.Type);
            results[toHash[i]] = roots[i] == expected ? SliverVerificationResult.Valid : SliverVerificationResult.MerkleRootMismatch;
        }

        return results;
    }

    /// <summary>The Merkle root over the sliver expanded to n symbols (its hash in the metadata when authentic).</summary>
    public static MerkleNode ComputeRoot(SliverData sliver, EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(sliver);
        return ComputeRoots([sliver], config, 1)[0];
    }

    /// <summary>
    /// The Merkle roots over many slivers expanded to n symbols. Every sliver must hold exactly symbols-per-sliver
    /// symbols of one symbol size per type.
    /// </summary>
    public static unsafe MerkleNode[] ComputeRoots(IReadOnlyList<SliverData> slivers, EncodingConfig config, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(slivers);
        ArgumentNullException.ThrowIfNull(config);
        var workers = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        var result = new MerkleNode[slivers.Count];
        foreach (var type in new[] { SliverType.Primary, SliverType.Secondary })
        {
            var group = new List<int>();
            for (var i = 0; i < slivers.Count; i++)
            {
                if (slivers[i].Type == type)
                {
                    group.Add(i);
                }
            }

            if (group.Count == 0)
            {
                continue;
            }

            // One symbol size per call; slivers of other sizes go in their own call.
            foreach (var sizeGroup in GroupBySymbolSize(slivers, group))
            {
                var symbolSize = slivers[sizeGroup[0]].SymbolSize;
                var k = config.SymbolsPerSliver(type);
                var handles = new MemoryHandle[sizeGroup.Count];
                var pointers = new nint[sizeGroup.Count];
                var roots = new byte[sizeGroup.Count * 32];
                try
                {
                    for (var i = 0; i < sizeGroup.Count; i++)
                    {
                        var sliver = slivers[sizeGroup[i]];
                        if (sliver.Symbols.Length != k * symbolSize)
                        {
                            ThrowHelper.Argument(nameof(slivers), $"{sliver} does not hold {k} symbols.");
                        }

                        handles[i] = sliver.Symbols.Pin();
                        pointers[i] = (nint)handles[i].Pointer;
                    }

                    fixed (nint* p = pointers)
                    fixed (byte* r = roots)
                    {
                        SliverExpansion.ComputeRoots(config, type, (byte**)p, sizeGroup.Count, symbolSize, r, workers, 4 << 20);
                    }
                }
                finally
                {
                    foreach (var handle in handles)
                    {
                        handle.Dispose();
                    }
                }

                for (var i = 0; i < sizeGroup.Count; i++)
                {
                    result[sizeGroup[i]] = MerkleNode.FromDigest(roots.AsSpan(i * 32, 32));
                }
            }
        }

        return result;
    }

    /// <summary>The n symbols of the expanded sliver, back to back.</summary>
    public static unsafe byte[] Expand(SliverData sliver, EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(sliver);
        ArgumentNullException.ThrowIfNull(config);
        var k = config.SymbolsPerSliver(sliver.Type);
        if (sliver.SymbolCount != k)
        {
            ThrowHelper.Argument(nameof(sliver), $"{sliver} does not hold {k} symbols.");
        }

        var symbolSize = sliver.SymbolSize;
        var expanded = GC.AllocateUninitializedArray<byte>(config.ShardCount * symbolSize);
        sliver.Symbols.Span.CopyTo(expanded);
        using var handle = sliver.Symbols.Pin();
        var pointer = (byte*)handle.Pointer;
        fixed (byte* e = expanded)
        {
            SliverExpansion.ExpandRecovery(config, sliver.Type, &pointer, 1, symbolSize, e + ((long)k * symbolSize), 1, 4 << 20);
        }

        return expanded;
    }

    private static List<List<int>> GroupBySymbolSize(IReadOnlyList<SliverData> slivers, List<int> indices)
    {
        var groups = new List<List<int>>();
        foreach (var i in indices)
        {
            var group = groups.Find(g => slivers[g[0]].SymbolSize == slivers[i].SymbolSize);
            if (group is null)
            {
                group = [];
                groups.Add(group);
            }

            group.Add(i);
        }

        return groups;
    }
}

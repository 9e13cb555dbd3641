using System.Collections.Concurrent;
using Walrus.Chain;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.Quilts;

namespace Walrus.Client;

/// <summary>Quilts: many small files in one blob (QuiltV1, bit-exact with Walrus), stored and read patch by patch.</summary>
public sealed partial class WalrusClient
{
    /// <summary>Quilts up to this size are built in memory; larger ones go through a temporary file.</summary>
    private const long InMemoryQuiltBytes = 64L << 20;

    /// <summary>
    /// Builds a QuiltV1 of <paramref name="patches"/> for the system's shard count and stores it as one blob with
    /// <see cref="StoreAsync(Stream, StoreOptions?, IProgress{StoreProgress}?, CancellationToken)"/> (same options, same
    /// "already certified" and resume behaviour). Files are read when the quilt is written, never held whole; a quilt
    /// over 64 MiB is written to a temporary file first.
    /// </summary>
    /// <returns>The blob's store result (its blob id is the quilt id) and every patch's id, in identifier order.</returns>
    /// <exception cref="QuiltException">A patch breaks a quilt rule (identifier, duplicate, tags, size, count).</exception>
    public async Task<QuiltStoreResult> StoreQuiltAsync(IEnumerable<QuiltPatchInput> patches, StoreOptions? options = null, IProgress<StoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patches);
        var config = Config(await GetCommitteeAsync(cancellationToken));
        var opened = new List<Stream>();
        try
        {
            var quilt = BuildQuilt(patches, config, opened);
            StoreResult stored;
            if (quilt.Length <= InMemoryQuiltBytes)
            {
                stored = await StoreAsync(quilt.ToArray(), options, progress, cancellationToken);
            }
            else
            {
                var temp = await WriteTemporaryAsync(quilt, cancellationToken);
                try
                {
                    stored = await StoreAsync(temp, options, progress, cancellationToken);
                }
                finally
                {
                    File.Delete(temp);
                }
            }

            return new QuiltStoreResult(stored, Describe(quilt.Index, stored.BlobId), quilt.SymbolSize, quilt.Index.IndexColumns);
        }
        finally
        {
            foreach (var stream in opened)
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <summary>The quilt id (blob id), sizes and cost of storing <paramref name="patches"/> as a quilt for <paramref name="epochs"/> epochs, without paying.</summary>
    public async Task<(StoreQuote Quote, IReadOnlyList<StoredQuiltPatch> Patches)> QuoteQuiltAsync(IEnumerable<QuiltPatchInput> patches, uint epochs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patches);
        var config = Config(await GetCommitteeAsync(cancellationToken));
        var opened = new List<Stream>();
        try
        {
            var quilt = BuildQuilt(patches, config, opened);
            BlobMetadataWithId metadata;
            if (quilt.Length <= InMemoryQuiltBytes)
            {
                var bytes = quilt.ToArray();
                metadata = await Task.Run(() => new Rs2Encoder(config).ComputeMetadata(new MemoryStream(bytes, writable: false), cancellationToken), cancellationToken);
            }
            else
            {
                var temp = await WriteTemporaryAsync(quilt, cancellationToken);
                try
                {
                    metadata = await Task.Run(() => new Rs2Encoder(config).ComputeMetadata(temp), cancellationToken);
                }
                finally
                {
                    File.Delete(temp);
                }
            }

            var cost = await Chain.QuoteStoreAsync((ulong)quilt.Length, epochs, cancellationToken);
            return (new StoreQuote(metadata.BlobId, (ulong)quilt.Length, quilt.EncodedLength, cost), Describe(quilt.Index, metadata.BlobId));
        }
        finally
        {
            foreach (var stream in opened)
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <summary>Reads one patch by its id: only the secondary slivers of its columns are fetched (see <see cref="ReadQuiltPatchesAsync(IReadOnlyList{QuiltPatchId}, CancellationToken)"/>).</summary>
    /// <exception cref="QuiltPatchNotFoundException">The id does not name a patch of its quilt.</exception>
    public async Task<QuiltPatchRead> ReadQuiltPatchAsync(QuiltPatchId patchId, CancellationToken cancellationToken = default) =>
        (await ReadQuiltPatchesAsync([patchId], cancellationToken)).Patches[0];

    /// <summary>Reads one patch by its quilt's id and its identifier: the index's columns, then the patch's.</summary>
    /// <exception cref="QuiltPatchNotFoundException">The quilt has no patch with that identifier.</exception>
    public async Task<QuiltPatchRead> ReadQuiltPatchAsync(BlobId quiltId, string identifier, CancellationToken cancellationToken = default) =>
        (await ReadQuiltPatchesAsync(quiltId, [identifier], cancellationToken)).Patches[0];

    /// <summary>
    /// Reads patches by id, grouped by quilt: per quilt, its metadata (verified against the quilt id) from any node, then
    /// the secondary slivers of the patches' columns only, each verified against the metadata, from the nodes holding
    /// them; a column whose holder is down or lies is rebuilt from recovery symbols of the other nodes. If a column
    /// still cannot be had, the whole quilt blob is read (<see cref="ReadAsync(BlobId, Stream, ReadOptions?, CancellationToken)"/>)
    /// and the patches are taken from it.
    /// </summary>
    /// <exception cref="QuiltPatchNotFoundException">An id does not name a patch of its quilt.</exception>
    /// <exception cref="WalrusClientException">The quilt cannot be read, or is not a quilt.</exception>
    public async Task<QuiltReadResult> ReadQuiltPatchesAsync(IReadOnlyList<QuiltPatchId> patchIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patchIds);
        var results = new List<QuiltReadResult>();
        foreach (var group in patchIds.GroupBy(id => id.QuiltId))
        {
            var targets = group.Select(id => id.Patch).ToList();
            results.Add(await ReadQuiltCoreAsync(group.Key, _ => targets, needsIndex: false, cancellationToken));
        }

        // Back in the order asked.
        var byId = results.SelectMany(r => r.Patches).GroupBy(p => p.PatchId).ToDictionary(g => g.Key, g => g.First());
        return Merge(results, [.. patchIds.Select(id => byId[id])]);
    }

    /// <summary>Reads the patches of a quilt with these identifiers (in the order given), through the quilt's index.</summary>
    /// <exception cref="QuiltPatchNotFoundException">The quilt has no patch with one of the identifiers.</exception>
    public Task<QuiltReadResult> ReadQuiltPatchesAsync(BlobId quiltId, IReadOnlyList<string> identifiers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        return ReadQuiltCoreAsync(quiltId, index =>
        {
            ArgumentNullException.ThrowIfNull(index);
            var targets = new List<QuiltPatchInternalId>(identifiers.Count);
            var notFound = new List<string>();
            foreach (var identifier in identifiers)
            {
                if (index.TryGetPatch(identifier, out var patch))
                {
                    targets.Add(patch.InternalId);
                }
                else
                {
                    notFound.Add(identifier);
                }
            }

            return notFound.Count == 0
                ? targets
                : throw new QuiltPatchNotFoundException($"quilt {quiltId} has no patch {string.Join(", ", notFound.Select(i => $"\"{i}\""))}");
        }, needsIndex: true, cancellationToken);
    }

    /// <summary>Reads every patch of a quilt whose tag <paramref name="key"/> is <paramref name="value"/> (none: an empty result).</summary>
    public Task<QuiltReadResult> ReadQuiltPatchesByTagAsync(BlobId quiltId, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return ReadQuiltCoreAsync(quiltId, index => [.. index!.FindByTag(key, value).Select(p => p.InternalId)], needsIndex: true, cancellationToken);
    }

    /// <summary>Every patch of a quilt (identifier, patch id, tags) from its index: only the index's columns are fetched.</summary>
    /// <exception cref="WalrusClientException">The quilt cannot be read, or is not a quilt.</exception>
    public async Task<IReadOnlyList<StoredQuiltPatch>> ListQuiltPatchesAsync(BlobId quiltId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<StoredQuiltPatch>? listed = null;
        await ReadQuiltCoreAsync(quiltId, index =>
        {
            listed = Describe(index!, quiltId);
            return [];
        }, needsIndex: true, cancellationToken);
        return listed!;
    }

    /// <summary>
    /// One quilt read: <paramref name="select"/> names the patches, from the index when <paramref name="needsIndex"/>
    /// (the index's columns are then fetched first), else from the patch ids alone (it gets null).
    /// </summary>
    private async Task<QuiltReadResult> ReadQuiltCoreAsync(BlobId quiltId, Func<QuiltIndexV1?, IReadOnlyList<QuiltPatchInternalId>> select, bool needsIndex, CancellationToken cancellationToken)
    {
        var requestsBefore = NodeRequestCount;
        if (await Chain.BlobRegistry.IsInvalidAsync(quiltId.ToHash256(), cancellationToken: cancellationToken))
        {
            throw new BlobInvalidException(quiltId, "it is marked invalid on chain");
        }

        var committee = await GetCommitteeAsync(cancellationToken);
        var config = Config(committee);
        var liars = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var down = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var metadata = await GetVerifiedMetadataAsync(quiltId, committee, config, liars, down, cancellationToken);
        var fetcher = new QuiltColumnFetcher(this, committee, config, metadata, liars, down);

        var patches = await TryReadFromSliversAsync(fetcher, quiltId, select, needsIndex, cancellationToken);
        if (fetcher.InvalidClaimed && await InvalidOnChainAsync(quiltId, cancellationToken))
        {
            throw new BlobInvalidException(quiltId, "it is marked invalid on chain");
        }

        var full = patches is null;
        if (patches is null)
        {
            using var whole = new MemoryStream();
            var read = await ReadAsync(quiltId, whole, null, cancellationToken);
            foreach (var liar in read.Liars)
            {
                liars.TryAdd(liar, true);
            }

            foreach (var node in read.Unreachable)
            {
                down.TryAdd(node, true);
            }

            if (!QuiltColumns.TryFromBlob(config, whole.GetBuffer().AsMemory(0, (int)whole.Length), out var columns, out var error))
            {
                throw new WalrusClientException($"blob {quiltId} is not a quilt: {error.Message}");
            }

            patches = ReadFromColumns(columns, quiltId, select, needsIndex)
                ?? throw new WalrusClientException($"blob {quiltId}: the whole quilt lacks columns (a bug)");
        }

        return new QuiltReadResult(patches, [.. liars.Keys.Order(StringComparer.Ordinal)], [.. down.Keys.Order(StringComparer.Ordinal)],
            NodeRequestCount - requestsBefore, fetcher.Fetched, fetcher.Recovered, full);
    }

    /// <summary>The patches read from secondary slivers, or null if some column could not be had.</summary>
    private static async Task<List<QuiltPatchRead>?> TryReadFromSliversAsync(
        QuiltColumnFetcher fetcher, BlobId quiltId, Func<QuiltIndexV1?, IReadOnlyList<QuiltPatchInternalId>> select, bool needsIndex, CancellationToken cancellationToken)
    {
        IReadOnlyList<QuiltPatchInternalId> targets;
        QuiltColumns? columns;
        QuiltError? error;
        if (needsIndex)
        {
            // Column 0 holds the index's length; a longer index names the other columns it needs.
            IReadOnlyList<SliverIndex> wanted = [new SliverIndex(0)];
            QuiltIndexV1? index;
            while (true)
            {
                if ((await fetcher.EnsureAsync(wanted, cancellationToken)).Count > 0 || !fetcher.TryGetColumns(out columns, out error))
                {
                    return null;
                }

                if (QuiltReader.TryReadIndex(columns!, out index, out error))
                {
                    break;
                }

                if (error.Kind != QuiltErrorKind.MissingColumns)
                {
                    throw new WalrusClientException($"blob {quiltId} is not a quilt: {error.Message}");
                }

                wanted = error.MissingColumns;
            }

            targets = select(index);
        }
        else
        {
            targets = select(null);
        }

        CheckPatchIds(quiltId, targets);
        var needed = targets.SelectMany(t => t.SecondarySliverIndices());
        if ((await fetcher.EnsureAsync(needed, cancellationToken)).Count > 0)
        {
            return null;
        }

        if (targets.Count == 0)
        {
            return [];
        }

        if (!fetcher.TryGetColumns(out columns, out error))
        {
            return null;
        }

        return ReadPatches(columns!, quiltId, targets);
    }

    private static List<QuiltPatchRead>? ReadFromColumns(QuiltColumns columns, BlobId quiltId, Func<QuiltIndexV1?, IReadOnlyList<QuiltPatchInternalId>> select, bool needsIndex)
    {
        IReadOnlyList<QuiltPatchInternalId> targets;
        if (needsIndex)
        {
            if (!QuiltReader.TryReadIndex(columns, out var index, out var error))
            {
                throw new WalrusClientException($"blob {quiltId} is not a quilt: {error.Message}");
            }

            targets = select(index);
        }
        else
        {
            targets = select(null);
        }

        return ReadPatches(columns, quiltId, targets);
    }

    private static List<QuiltPatchRead>? ReadPatches(QuiltColumns columns, BlobId quiltId, IReadOnlyList<QuiltPatchInternalId> targets)
    {
        var patches = new List<QuiltPatchRead>(targets.Count);
        foreach (var target in targets)
        {
            if (!QuiltReader.TryReadPatch(columns, target, out var content, out var error))
            {
                if (error.Kind == QuiltErrorKind.MissingColumns)
                {
                    return null;
                }

                throw new QuiltPatchNotFoundException($"quilt patch {new QuiltPatchId(quiltId, target)} ({target}) is not a patch of quilt {quiltId}: {error.Message}");
            }

            patches.Add(new QuiltPatchRead(new QuiltPatchId(quiltId, target), content.Identifier, content.Tags, content.Data));
        }

        return patches;
    }

    /// <summary>A patch id's columns must lie within the quilt's systematic columns, after the index's first column.</summary>
    private static void CheckPatchIds(BlobId quiltId, IReadOnlyList<QuiltPatchInternalId> targets)
    {
        foreach (var target in targets)
        {
            if (target.StartColumn == 0 || target.EndColumn <= target.StartColumn)
            {
                throw new QuiltPatchNotFoundException($"quilt patch {new QuiltPatchId(quiltId, target)} names {target}, which no patch of a quilt occupies.");
            }
        }
    }

    private static QuiltV1 BuildQuilt(IEnumerable<QuiltPatchInput> patches, EncodingConfig config, List<Stream> opened)
    {
        var builder = new QuiltBuilder(config);
        foreach (var patch in patches)
        {
            ArgumentNullException.ThrowIfNull(patch);
            if (patch.Path is { } path)
            {
                // Opened now for its length, read when the quilt is written; closed by the caller.
                var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
                opened.Add(stream);
                builder.Add(patch.Identifier, stream, patch.Tags);
            }
            else
            {
                builder.Add(patch.Identifier, patch.Data, patch.Tags);
            }
        }

        return builder.Build();
    }

    private static async Task<string> WriteTemporaryAsync(QuiltV1 quilt, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetTempPath(), "walrus-quilt-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
            await quilt.WriteToAsync(file, cancellationToken);
            return temp;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static List<StoredQuiltPatch> Describe(QuiltIndexV1 index, BlobId quiltId) =>
        [.. index.Patches.Select(p => new StoredQuiltPatch(p.Identifier, p.PatchId(quiltId), p.Tags))];

    private static QuiltReadResult Merge(List<QuiltReadResult> results, IReadOnlyList<QuiltPatchRead> patches) => new(
        patches,
        [.. results.SelectMany(r => r.Liars).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        [.. results.SelectMany(r => r.Unreachable).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        results.Sum(r => r.NodeRequests),
        results.Sum(r => r.ColumnsFetched),
        results.Sum(r => r.ColumnsRecovered),
        results.Any(r => r.FullRead));
}

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
    /// still cannot be had, the whole quilt blob is read once, streamed into a temporary file, and the columns are cut
    /// from it (memory holds the columns in use, never the quilt).
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
            results.Add(await ReadQuiltCoreAsync(group.Key, _ => targets, needsIndex: false, null, cancellationToken));
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
        return ReadQuiltCoreAsync(quiltId, index => ByIdentifiers(quiltId, index!, identifiers), needsIndex: true, null, cancellationToken);
    }

    /// <summary>
    /// Reads patches of one quilt named by identifier or by patch id (each checked against the quilt's index before any
    /// patch is read, so an unknown name fails before <paramref name="onPatch"/> is called) and hands each to
    /// <paramref name="onPatch"/> in the order asked. Patches are read in batches of at most 64 MiB of columns, each
    /// batch's columns fetched together, once: memory holds one batch, not every patch. The result's
    /// <see cref="QuiltReadResult.Patches"/> is empty.
    /// </summary>
    /// <exception cref="QuiltPatchNotFoundException">A name is not a patch of the quilt (before any patch is handed over).</exception>
    /// <exception cref="WalrusClientException">The quilt cannot be read, or is not a quilt.</exception>
    public Task<QuiltReadResult> ReadQuiltPatchesAsync(
        BlobId quiltId, IReadOnlyList<string>? identifiers, IReadOnlyList<QuiltPatchId>? patchIds, Func<QuiltPatchRead, CancellationToken, ValueTask> onPatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onPatch);
        return ReadQuiltCoreAsync(quiltId, index =>
        {
            if (patchIds is null)
            {
                return ByIdentifiers(quiltId, index!, identifiers ?? []);
            }

            var known = index!.Patches.Select(p => p.InternalId).ToHashSet();
            var unknown = patchIds.Where(id => id.QuiltId != quiltId || !known.Contains(id.Patch)).Select(id => id.ToString()).ToList();
            return unknown.Count == 0
                ? [.. patchIds.Select(id => id.Patch)]
                : throw new QuiltPatchNotFoundException($"quilt {quiltId} has no patch {string.Join(", ", unknown)}");
        }, needsIndex: true, onPatch, cancellationToken);
    }

    /// <summary>Reads every patch of a quilt whose tag <paramref name="key"/> is <paramref name="value"/> (none: an empty result).</summary>
    public Task<QuiltReadResult> ReadQuiltPatchesByTagAsync(BlobId quiltId, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return ReadQuiltCoreAsync(quiltId, index => [.. index!.FindByTag(key, value).Select(p => p.InternalId)], needsIndex: true, null, cancellationToken);
    }

    /// <summary>Every patch of a quilt (identifier, patch id, tags) from its index: only the index's columns are fetched.</summary>
    /// <exception cref="WalrusClientException">The quilt cannot be read, or is not a quilt.</exception>
    public async Task<IReadOnlyList<StoredQuiltPatch>> ListQuiltPatchesAsync(BlobId quiltId, CancellationToken cancellationToken = default)
    {
        using var session = await QuiltReadSession.OpenAsync(this, quiltId, cancellationToken);
        return Describe(await session.ReadIndexAsync(cancellationToken), quiltId);
    }

    /// <summary>
    /// A patch's identifier, tags and data length without its data: only the columns its header spans are fetched (usually
    /// its first), for HEAD requests.
    /// </summary>
    /// <exception cref="QuiltPatchNotFoundException">The id does not name a patch of its quilt.</exception>
    public async Task<QuiltPatchInfo> ReadQuiltPatchInfoAsync(QuiltPatchId patchId, CancellationToken cancellationToken = default)
    {
        using var session = await QuiltReadSession.OpenAsync(this, patchId.QuiltId, cancellationToken);
        var header = await session.ReadHeaderAsync(patchId.Patch, cancellationToken);
        return new QuiltPatchInfo(patchId, header.Identifier, header.Tags, header.DataLength);
    }

    /// <summary>A patch's id, tags and data length by its identifier: the index's columns, then the patch header's only.</summary>
    /// <exception cref="QuiltPatchNotFoundException">The quilt has no patch with that identifier.</exception>
    public async Task<QuiltPatchInfo> ReadQuiltPatchInfoAsync(BlobId quiltId, string identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        using var session = await QuiltReadSession.OpenAsync(this, quiltId, cancellationToken);
        var target = ByIdentifiers(quiltId, await session.ReadIndexAsync(cancellationToken), [identifier])[0];
        var header = await session.ReadHeaderAsync(target, cancellationToken);
        if (!string.Equals(header.Identifier, identifier, StringComparison.Ordinal))
        {
            throw new WalrusClientException($"blob {quiltId} is not a quilt: the index puts '{identifier}' at {target}, but the patch there is '{header.Identifier}'.");
        }

        return new QuiltPatchInfo(new QuiltPatchId(quiltId, target), header.Identifier, header.Tags, header.DataLength);
    }

    /// <summary>
    /// One quilt read: <paramref name="select"/> names the patches, from the index when <paramref name="needsIndex"/>
    /// (the index's columns are then fetched first), else from the patch ids alone (it gets null). Patches go to
    /// <paramref name="onPatch"/> if given, else into the result.
    /// </summary>
    private async Task<QuiltReadResult> ReadQuiltCoreAsync(
        BlobId quiltId, Func<QuiltIndexV1?, IReadOnlyList<QuiltPatchInternalId>> select, bool needsIndex, Func<QuiltPatchRead, CancellationToken, ValueTask>? onPatch, CancellationToken cancellationToken)
    {
        using var session = await QuiltReadSession.OpenAsync(this, quiltId, cancellationToken);
        var targets = select(needsIndex ? await session.ReadIndexAsync(cancellationToken) : null);
        var patches = new List<QuiltPatchRead>(onPatch is null ? targets.Count : 0);
        await session.ReadPatchesAsync(targets, onPatch ?? ((patch, _) =>
        {
            patches.Add(patch);
            return ValueTask.CompletedTask;
        }), cancellationToken);
        return session.Result(patches);
    }

    private static List<QuiltPatchInternalId> ByIdentifiers(BlobId quiltId, QuiltIndexV1 index, IReadOnlyList<string> identifiers)
    {
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

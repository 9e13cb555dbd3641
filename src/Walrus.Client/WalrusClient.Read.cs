using System.Collections.Concurrent;
using Walrus.Chain;
using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;

namespace Walrus.Client;

/// <summary>Reading blobs.</summary>
public sealed partial class WalrusClient
{
    /// <summary>Reads a blob into a new file at <paramref name="path"/> (replaced once the metadata verifies; deleted if the read then fails).</summary>
    public Task<ReadResult> ReadAsync(BlobId blobId, string path, ReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(blobId, path, options, null, cancellationToken);

    /// <summary>
    /// Reads a blob into a new file at <paramref name="path"/> (replaced once the metadata verifies; deleted if the read
    /// then fails), reporting the bytes written to <paramref name="progress"/>: 0 of the length once the metadata verifies,
    /// then as slivers are written, last the length.
    /// </summary>
    public async Task<ReadResult> ReadAsync(BlobId blobId, string path, ReadOptions? options, IProgress<ReadProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var created = false;
        try
        {
            return await ReadCoreAsync(blobId, (config, metadata) =>
            {
                created = true;
                return StreamingBlobDecoder.Create(config, metadata, path);
            }, inOrderOutput: false, options ?? new ReadOptions(), progress, cancellationToken);
        }
        catch when (created)
        {
            // The file holds a partial or inconsistent blob; a file that was there before a failure to start is left alone.
            File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// Reads a blob into <paramref name="output"/> (a seekable stream is written in place; a strict check needs one):
    /// metadata from any node, verified against the blob id; primary slivers fetched in parallel, systematic first, each
    /// verified, until the threshold; decoded as they arrive. Nodes that are down are skipped, nodes that answer with
    /// metadata or slivers that do not verify are named in <see cref="ReadResult.Liars"/>.
    /// </summary>
    /// <exception cref="BlobInvalidException">The blob id is marked invalid on chain (a node's claim alone only makes it a liar), or fails the consistency check; the output must be discarded.</exception>
    /// <exception cref="WalrusClientException">No node has verifiable metadata, or too few valid slivers could be had.</exception>
    public Task<ReadResult> ReadAsync(BlobId blobId, Stream output, ReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(blobId, output, options, null, cancellationToken);

    /// <summary>
    /// Reads a blob into <paramref name="output"/> as <see cref="ReadAsync(BlobId, Stream, ReadOptions?, CancellationToken)"/>
    /// does, reporting the bytes written to <paramref name="progress"/>: 0 of the length once the metadata verifies, then as
    /// slivers are written (in order for a stream that cannot seek), last the length.
    /// </summary>
    public Task<ReadResult> ReadAsync(BlobId blobId, Stream output, ReadOptions? options, IProgress<ReadProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        return ReadCoreAsync(
            blobId, (config, metadata) => new StreamingBlobDecoder(config, metadata, output), inOrderOutput: !(output.CanSeek && output.CanRead), options ?? new ReadOptions(), progress, cancellationToken);
    }

    /// <param name="inOrderOutput">Whether the decoder writes rows in order only (a stream that cannot seek), for the progress count.</param>
    private async Task<ReadResult> ReadCoreAsync(
        BlobId blobId, Func<EncodingConfig, BlobMetadataWithId, StreamingBlobDecoder> createDecoder, bool inOrderOutput, ReadOptions options, IProgress<ReadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var requestsBefore = NodeRequestCount;
        if (await Chain.BlobRegistry.IsInvalidAsync(blobId.ToHash256(), cancellationToken: cancellationToken))
        {
            throw new BlobInvalidException(blobId, "it is marked invalid on chain");
        }

        var committee = await GetReadCommitteeAsync(blobId, cancellationToken);
        var config = Config(committee);
        var liars = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var down = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var metadata = await GetVerifiedMetadataAsync(blobId, committee, config, liars, down, cancellationToken);

        // Systematic primary slivers (indices 0..n_p-1) first: each is a row of the blob written straight to the output.
        var n = committee.ShardCount;
        var order = new ConcurrentQueue<SliverPairIndex>(Enumerable.Range(0, n).Select(p => new SliverPairIndex((ushort)p)));
        var maxSliver = config.SliverLength(SliverType.Primary, (long)metadata.Metadata.UnencodedLength);
        var concurrency = Math.Max(1, options.MaxConcurrency ?? config.PrimarySourceSymbols);
        using var decoder = createDecoder(config, metadata);
        var invalid = false;
        var needed = config.PrimarySourceSymbols;
        var written = new ReadProgressTracker(progress, decoder.Length, needed, (long)config.SecondarySourceSymbols * decoder.SymbolSize, inOrderOutput);

        // One request per sliver still needed: a new one starts only when an answer did not bring a valid sliver, so a
        // read with every node honest makes exactly n_p sliver requests.
        async Task FetchAsync(SliverPairIndex pair)
        {
            var shard = ShardMapping.ShardForPair(blobId, pair, n);
            if (!committee.TryGetHolder(shard, out var member) || down.ContainsKey(member.NetworkAddress))
            {
                return;
            }

            var node = Node(member.NetworkAddress);
            SliverData? sliver;
            try
            {
                sliver = await node.GetSliverAsync(blobId, pair, SliverType.Primary, maxSliver, cancellationToken);
            }
            catch (NodeApiException e) when (IsInvalidClaim(e))
            {
                // Trusted only when the chain agrees; else the node lies and another sliver is asked for.
                if (await InvalidOnChainAsync(blobId, cancellationToken))
                {
                    Volatile.Write(ref invalid, true);
                }
                else
                {
                    liars.TryAdd(member.NetworkAddress, true);
                }

                return;
            }
            catch (NodeApiException e) when (e.Reason is NodeErrorReason.MalformedBody or NodeErrorReason.PayloadTooLarge)
            {
                liars.TryAdd(member.NetworkAddress, true);
                return;
            }
            catch (NodeApiException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                down.TryAdd(member.NetworkAddress, true);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The HTTP client's timeout: treat the node as down for this read.
                down.TryAdd(member.NetworkAddress, true);
                return;
            }

            if (sliver is null)
            {
                return;
            }

            if (sliver.Index != pair.PrimarySliverIndex)
            {
                liars.TryAdd(member.NetworkAddress, true);
                return;
            }

            switch (await Task.Run(() => decoder.Add(sliver), cancellationToken))
            {
                case SliverAddResult.Invalid:
                    liars.TryAdd(member.NetworkAddress, true);
                    break;
                case SliverAddResult.Added:
                    written.RowTaken(sliver.Index.Value);
                    break;
            }
        }

        var inFlight = new List<Task>();
        while (true)
        {
            while (!Volatile.Read(ref invalid) && inFlight.Count < concurrency && decoder.SliverCount + inFlight.Count < needed && order.TryDequeue(out var pair))
            {
                inFlight.Add(FetchAsync(pair));
            }

            if (inFlight.Count == 0 || decoder.HasEnough)
            {
                break;
            }

            var done = await Task.WhenAny(inFlight);
            inFlight.Remove(done);
            await done;
        }

        await Task.WhenAll(inFlight);
        cancellationToken.ThrowIfCancellationRequested();
        if (invalid)
        {
            throw new BlobInvalidException(blobId, "it is marked invalid on chain");
        }

        if (!decoder.HasEnough)
        {
            throw new WalrusClientException(
                $"blob {blobId}: only {decoder.SliverCount} of the {decoder.SliversNeeded} valid slivers needed could be read " +
                $"(unreachable: {Join(down.Keys)}; lying: {Join(liars.Keys)})");
        }

        string? decodeError = null;
        written.Decoding();
        var status = await Task.Run(() => decoder.Finish(options.Consistency, out decodeError), cancellationToken);
        if (status == BlobDecodeStatus.InconsistentBlob)
        {
            throw new BlobInvalidException(blobId, "it fails the consistency check (inconsistent encoding)");
        }

        if (status != BlobDecodeStatus.Decoded)
        {
            throw new WalrusClientException($"blob {blobId}: decoding failed: {status} {decodeError}");
        }

        written.Done();
        return new ReadResult(blobId, (long)metadata.Metadata.UnencodedLength, [.. liars.Keys.Order(StringComparer.Ordinal)], [.. down.Keys.Order(StringComparer.Ordinal)], NodeRequestCount - requestsBefore);
    }

    private async Task<BlobMetadataWithId> GetVerifiedMetadataAsync(
        BlobId blobId, Committee committee, EncodingConfig config, ConcurrentDictionary<string, bool> liars, ConcurrentDictionary<string, bool> down, CancellationToken cancellationToken)
    {
        var notFound = 0;
        foreach (var member in committee.Members.OrderByDescending(m => m.Weight))
        {
            try
            {
                var metadata = await Node(member.NetworkAddress).GetMetadataAsync(blobId, config.ShardCount, cancellationToken);
                if (metadata is null)
                {
                    notFound++;
                    continue;
                }

                if (metadata.BlobId == blobId && metadata.Verify(config) == MetadataVerificationResult.Valid)
                {
                    return metadata;
                }

                liars.TryAdd(member.NetworkAddress, true);
            }
            catch (NodeApiException e) when (IsInvalidClaim(e))
            {
                // A node's claim alone is not trusted: the chain decides.
                if (await InvalidOnChainAsync(blobId, cancellationToken))
                {
                    throw new BlobInvalidException(blobId, "it is marked invalid on chain");
                }

                liars.TryAdd(member.NetworkAddress, true);
            }
            catch (NodeApiException e) when (e.Reason == NodeErrorReason.MalformedBody)
            {
                liars.TryAdd(member.NetworkAddress, true);
            }
            catch (NodeApiException)
            {
                notFound++;
            }
            catch (HttpRequestException)
            {
                down.TryAdd(member.NetworkAddress, true);
            }
        }

        throw new WalrusClientException($"blob {blobId}: no storage node has metadata that verifies against the blob id " +
            $"({notFound} do not have it; unreachable: {Join(down.Keys)}; lying: {Join(liars.Keys)}). Is it stored and certified?");
    }

    private static string Join(IEnumerable<string> items)
    {
        var list = items.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}

using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.Core.Encoding;

namespace Walrus.Client;

/// <summary>Reading a byte range of a blob from the systematic primary slivers that hold it.</summary>
public sealed partial class WalrusClient
{
    /// <summary>Bytes of slivers fetched ahead of the one being written (at least one sliver).</summary>
    private const long RangeReadAheadBytes = 32L << 20;

    /// <summary>The blob's metadata from any node of the current committee, verified against the blob id.</summary>
    /// <exception cref="BlobInvalidException">The blob id is marked invalid on chain.</exception>
    /// <exception cref="WalrusClientException">No node has metadata that verifies.</exception>
    public async Task<BlobMetadataWithId> ReadMetadataAsync(BlobId blobId, CancellationToken cancellationToken = default)
    {
        var committee = await GetCommitteeAsync(cancellationToken);
        return await GetVerifiedMetadataAsync(blobId, committee, Config(committee), new(StringComparer.Ordinal), new(StringComparer.Ordinal), cancellationToken);
    }

    /// <summary>Reads <paramref name="count"/> bytes of a blob from <paramref name="offset"/> into <paramref name="output"/>; see the overload taking metadata.</summary>
    public async Task<RangeReadResult> ReadRangeAsync(BlobId blobId, long offset, long count, Stream output, ReadOptions? options = null, CancellationToken cancellationToken = default) =>
        await ReadRangeAsync(await ReadMetadataAsync(blobId, cancellationToken), offset, count, output, options, cancellationToken);

    /// <summary>
    /// Reads <paramref name="count"/> bytes of a blob from <paramref name="offset"/> into <paramref name="output"/> (any
    /// writable stream, written in order with async writes): row r of the blob is systematic primary sliver r, so only
    /// the slivers holding the range are fetched, each verified against <paramref name="metadata"/> (which the caller has
    /// verified against the blob id, e.g. with <see cref="ReadMetadataAsync"/>), a few ahead of the one being written.
    /// Memory is bounded by the read-ahead (about 32 MiB of slivers, at least one), not by the blob.
    /// If a systematic sliver cannot be had (its node is down or lies), or a strict check is asked for, the whole blob is
    /// decoded into a temporary file (deleted on close) and the rest of the range copied from it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the blob.</exception>
    /// <exception cref="BlobInvalidException">The blob id is invalid (marked on chain, or by a failed check).</exception>
    /// <exception cref="WalrusClientException">Too few valid slivers could be read for the fallback decode.</exception>
    public async Task<RangeReadResult> ReadRangeAsync(BlobMetadataWithId metadata, long offset, long count, Stream output, ReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var result = await ReadRangeAsync(metadata, offset, count, output.WriteAsync, options, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// As the stream overload, but each piece of the range is handed to <paramref name="write"/> in order (one call at a
    /// time; the memory is only valid during the call), so a caller can send the bytes on and keep a copy in one pass.
    /// </summary>
    public async Task<RangeReadResult> ReadRangeAsync(BlobMetadataWithId metadata, long offset, long count, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write, ReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(write);
        var length = (long)Math.Min(metadata.Metadata.UnencodedLength, long.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (offset > length || count > length - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"The range {offset}+{count} is not inside the blob's {length} bytes.");
        }

        options ??= new ReadOptions();
        if (count == 0)
        {
            return new RangeReadResult(0, 0, false);
        }

        if (options.Consistency == ConsistencyCheck.Strict)
        {
            var written = await CopyFromFullDecodeAsync(metadata.BlobId, offset, count, write, options, cancellationToken);
            return new RangeReadResult(written, 0, true);
        }

        var committee = await GetCommitteeAsync(cancellationToken);
        var config = Config(committee);
        if (!metadata.Metadata.TryGetSymbolSize(config, out var symbolSize))
        {
            throw new WalrusClientException($"blob {metadata.BlobId}: its metadata does not fit the committee's {config.ShardCount} shards");
        }

        var rowBytes = (long)config.SecondarySourceSymbols * symbolSize;
        var firstRow = (int)(offset / rowBytes);
        var lastRow = (int)((offset + count - 1) / rowBytes);
        var ahead = (int)Math.Clamp(RangeReadAheadBytes / rowBytes, 1, Math.Max(1, options.MaxConcurrency ?? 8));
        var maxSliver = config.SliverLength(SliverType.Primary, length);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = new Queue<Task<SliverData?>>();
        var nextRow = firstRow;
        var position = offset;
        var end = offset + count;
        var fetched = 0;
        try
        {
            while (position < end)
            {
                while (nextRow <= lastRow && pending.Count < ahead)
                {
                    var row = nextRow++;
                    pending.Enqueue(Task.Run(() => FetchSystematicSliverAsync(metadata, committee, config, row, maxSliver, stop.Token), stop.Token));
                }

                var sliver = await pending.Dequeue();
                if (sliver is null)
                {
                    // This row's node is down or lying: decode the whole blob from any slivers instead.
                    await stop.CancelAsync();
                    var rest = await CopyFromFullDecodeAsync(metadata.BlobId, position, end - position, write, options, cancellationToken);
                    return new RangeReadResult(position - offset + rest, fetched, true);
                }

                fetched++;
                var rowStart = (long)sliver.Index.Value * rowBytes;
                var from = (int)(position - rowStart);
                var take = (int)Math.Min(rowBytes - from, end - position);
                await write(sliver.Symbols.Slice(from, take), cancellationToken);
                position += take;
            }
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var task in pending)
            {
                await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        return new RangeReadResult(count, fetched, false);
    }

    /// <summary>Systematic primary sliver <paramref name="row"/> from the node holding it, verified; null if it cannot be had.</summary>
    private async Task<SliverData?> FetchSystematicSliverAsync(BlobMetadataWithId metadata, Committee committee, EncodingConfig config, int row, long maxSliver, CancellationToken cancellationToken)
    {
        var pair = new SliverPairIndex((ushort)row);
        var shard = ShardMapping.ShardForPair(metadata.BlobId, pair, committee.ShardCount);
        if (!committee.TryGetHolder(shard, out var member))
        {
            return null;
        }

        SliverData? sliver;
        try
        {
            sliver = await Node(member.NetworkAddress).GetSliverAsync(metadata.BlobId, pair, SliverType.Primary, maxSliver, cancellationToken);
        }
        catch (NodeApiException e) when (IsInvalidClaim(e))
        {
            // A node's claim alone is not trusted: unless the chain agrees, the row comes from a full decode instead.
            if (await InvalidOnChainAsync(metadata.BlobId, cancellationToken))
            {
                throw new BlobInvalidException(metadata.BlobId, "it is marked invalid on chain");
            }

            return null;
        }
        catch (Exception e) when (e is NodeApiException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }

        return sliver is not null && sliver.Index == pair.PrimarySliverIndex && SliverVerifier.Verify(sliver, metadata.Metadata, config) == SliverVerificationResult.Valid
            ? sliver
            : null;
    }

    /// <summary>Decodes the whole blob into a temporary file (deleted on close) and hands a range of it to <paramref name="write"/>.</summary>
    private async Task<long> CopyFromFullDecodeAsync(BlobId blobId, long offset, long count, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write, ReadOptions options, CancellationToken cancellationToken)
    {
        await using var file = ScratchFile.Create("walrus-read");
        await ReadAsync(blobId, file, options, cancellationToken);
        file.Position = offset;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            var left = count;
            while (left > 0)
            {
                var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
                if (read <= 0)
                {
                    throw new WalrusClientException($"blob {blobId}: the decoded blob ended early");
                }

                await write(buffer.AsMemory(0, read), cancellationToken);
                left -= read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return count;
    }
}

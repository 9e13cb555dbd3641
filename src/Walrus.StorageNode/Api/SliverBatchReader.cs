using System.Buffers;
using System.IO.Pipelines;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Node;

namespace Walrus.StorageNode.Api;

/// <summary>
/// Reads the body of a PUT of many slivers (<see cref="SliverBatchWire"/> records) as it arrives, one record at a time:
/// a record's header is checked against the batch (index, owner, type, length limit, record count) before anything is
/// allocated for its data, so the whole body is never held and an oversized record is refused before it is read.
/// </summary>
internal static class SliverBatchReader
{
    /// <summary>
    /// Feeds every record of <paramref name="body"/> to <paramref name="batch"/>. On the first bad record, what was verified
    /// before it is stored and a <see cref="NodeException"/> naming the record's pair and type is thrown.
    /// </summary>
    public static async Task ReadAsync(PipeReader body, ISliverBatchUpload batch, CancellationToken cancellationToken)
    {
        var records = 0;
        try
        {
            while (true)
            {
                if (await ReadHeaderAsync(body, cancellationToken) is not { } header)
                {
                    return;
                }

                var (pairIndex, typeByte, length) = header;

                records++;
                if (records > batch.MaxRecords)
                {
                    throw new NodeException(NodeErrorReason.MalformedRequest, $"More than {batch.MaxRecords} records (both slivers of each pair this node holds) in one request.");
                }

                if (!SliverBatchWire.TryParseType(typeByte, out var type))
                {
                    throw new NodeException(NodeErrorReason.MalformedRequest, $"Record {records} (pair {pairIndex}) has sliver type {typeByte}; 0 is primary, 1 secondary.");
                }

                byte[] data;
                try
                {
                    var limit = batch.BodyLimit(pairIndex, type);
                    if (length > limit)
                    {
                        throw new NodeException(NodeErrorReason.PayloadTooLarge, $"The record has {length} bytes; at most {limit} are valid here.");
                    }

                    // An exact array, not a pooled one: a verified sliver is kept as is until its group is written.
                    data = new byte[length];
                    if (!await ReadExactlyAsync(body, data, cancellationToken))
                    {
                        throw new NodeException(NodeErrorReason.MalformedRequest, $"The body ends inside the record's {length} bytes.");
                    }

                    batch.Add(pairIndex, type, data);
                }
                catch (NodeException e)
                {
                    throw new NodeException(e.Reason, $"Record {records}, the {NodeApiRoutes.SliverTypeText(type)} sliver of pair {pairIndex}: {e.Message}", e.HttpStatus);
                }
            }
        }
        catch (Exception e) when (e is NodeException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // What was verified before the bad record is good: keep it, so a retry sends only the rest.
            batch.StoreVerified();
            throw;
        }
    }

    /// <summary>The next record's header, or null at the end of the body; a body that ends inside a header is malformed.</summary>
    private static async Task<(ushort Pair, byte Type, uint Length)?> ReadHeaderAsync(PipeReader body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length >= SliverBatchWire.HeaderLength)
            {
                Span<byte> header = stackalloc byte[SliverBatchWire.HeaderLength];
                buffer.Slice(0, SliverBatchWire.HeaderLength).CopyTo(header);
                body.AdvanceTo(buffer.GetPosition(SliverBatchWire.HeaderLength));
                return SliverBatchWire.ReadHeader(header);
            }

            if (result.IsCompleted)
            {
                var left = buffer.Length;
                body.AdvanceTo(buffer.End);
                return left == 0
                    ? null
                    : throw new NodeException(NodeErrorReason.MalformedRequest, $"The body ends inside a record header ({left} of {SliverBatchWire.HeaderLength} bytes).");
            }

            // Not a whole header yet: look at everything, consume nothing, wait for more.
            body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Fills <paramref name="destination"/> from the body; false if the body ends first.</summary>
    private static async Task<bool> ReadExactlyAsync(PipeReader body, byte[] destination, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < destination.Length)
        {
            var result = await body.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var take = (int)Math.Min(buffer.Length, destination.Length - filled);
            buffer.Slice(0, take).CopyTo(destination.AsSpan(filled));
            filled += take;
            body.AdvanceTo(buffer.GetPosition(take));
            if (filled < destination.Length && result.IsCompleted)
            {
                return false;
            }
        }

        return true;
    }
}

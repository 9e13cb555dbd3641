using System.Diagnostics.CodeAnalysis;
using Walrus.Core;
using Walrus.Core.Bcs;
using Walrus.Core.Encoding;

namespace Walrus.StorageNode.Epochs;

/// <summary>
/// The BCS bodies of <c>POST /v1/migrate/sync_shard</c>. Request: <c>SignedMessage</c> = <c>bytes serializedMessage ‖ bytes
/// signature</c> (ULEB128 lengths; the message is a <see cref="SyncShardMessage"/>, the signature 65 bytes r ‖ s ‖ v).
/// Response: <c>SyncShardResponse::V1(Vec&lt;(BlobId, Sliver)&gt;)</c> = variant 0 ‖ ULEB128 count ‖ per entry: blob id (32) ‖
/// sliver variant (0 primary, 1 secondary) ‖ BCS SliverData. Entries are in blob-id order.
/// </summary>
public static class SyncShardWire
{
    /// <summary>The largest request body: a 192-byte message and a 65-byte signature with their length prefixes.</summary>
    public const int MaxRequestBody = 512;

    /// <summary>The request body.</summary>
    public static byte[] EncodeRequest(ReadOnlySpan<byte> serializedMessage, ReadOnlySpan<byte> signature)
    {
        var writer = new BcsWriter(serializedMessage.Length + signature.Length + 8);
        writer.WriteBytes(serializedMessage);
        writer.WriteBytes(signature);
        return writer.ToArray();
    }

    /// <summary>Parses a request body into the message and its signature.</summary>
    public static bool TryDecodeRequest(ReadOnlySpan<byte> body, [NotNullWhen(true)] out SyncShardMessage? message, [NotNullWhen(true)] out byte[]? signature, [NotNullWhen(false)] out string? error)
    {
        message = null;
        signature = null;
        var reader = new BcsReader(body);
        if (!reader.TryReadBytes(SyncShardMessage.Length, out var serialized) || !reader.TryReadBytes(65, out var sig) || !reader.TryFinish())
        {
            error = reader.Error ?? "malformed";
            return false;
        }

        if (!SyncShardMessage.TryParse(serialized, out message))
        {
            error = "the message is not a SyncShard message";
            return false;
        }

        if (sig.Length != 65)
        {
            error = "the signature is not 65 bytes";
            return false;
        }

        signature = sig.ToArray();
        error = null;
        return true;
    }

    /// <summary>Writes the response for entries whose slivers are stored BCS SliverData of <paramref name="type"/>.</summary>
    public static byte[] EncodeResponse(SliverType type, IReadOnlyList<(BlobId BlobId, byte[] Sliver)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        long size = 8;
        foreach (var (_, sliver) in entries)
        {
            size += BlobId.Length + 1 + sliver.Length;
        }

        var writer = new BcsWriter((int)Math.Min(size, Array.MaxLength));
        writer.WriteVariant(0);
        writer.WriteLength(entries.Count);
        foreach (var (blobId, sliver) in entries)
        {
            writer.WriteBlobId(blobId);
            writer.WriteVariant((uint)type);
            writer.WriteFixed(sliver);
        }

        return writer.ToArray();
    }

    /// <summary>
    /// Parses a response of at most <paramref name="maxEntries"/> slivers of <paramref name="type"/>, each at most
    /// <paramref name="maxSliverLength"/> bytes of symbols; entries must be ascending by blob id.
    /// </summary>
    public static bool TryDecodeResponse(ReadOnlySpan<byte> body, SliverType type, int maxEntries, long maxSliverLength, [NotNullWhen(true)] out List<(BlobId BlobId, SliverData Sliver)>? entries, [NotNullWhen(false)] out string? error)
    {
        entries = null;
        var reader = new BcsReader(body);
        if (!reader.TryReadVariant(out var variant) || variant != 0)
        {
            error = reader.Error ?? $"unknown response version {variant}";
            return false;
        }

        if (!reader.TryReadLength(maxEntries, BlobId.Length + 1 + 5, out var count))
        {
            error = reader.Error ?? "too many entries";
            return false;
        }

        var list = new List<(BlobId, SliverData)>(count);
        BlobId? previous = null;
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadBlobId(out var blobId) || !reader.TryReadVariant(out var sliverType))
            {
                error = reader.Error ?? "malformed entry";
                return false;
            }

            if (sliverType != (uint)type)
            {
                error = $"entry {i} is a {(SliverType)Math.Min(sliverType, 1)} sliver; {type} was asked for";
                return false;
            }

            if (previous is { } p && BlobIdOrder.Compare(p, blobId) >= 0)
            {
                error = $"entry {i} is not in ascending blob-id order";
                return false;
            }

            if (!SliverData.TryReadBcs(ref reader, type, maxSliverLength, out var sliver))
            {
                error = reader.Error ?? $"entry {i} is not a BCS sliver";
                return false;
            }

            list.Add((blobId, sliver));
            previous = blobId;
        }

        if (!reader.TryFinish())
        {
            error = reader.Error ?? "trailing bytes";
            return false;
        }

        entries = list;
        error = null;
        return true;
    }
}

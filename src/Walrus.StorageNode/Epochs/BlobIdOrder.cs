using Walrus.Core;

namespace Walrus.StorageNode.Epochs;

/// <summary>The order slivers are stored and synced in: a blob id's 32 bytes compared as a big-endian number (the key order of the sliver column family).</summary>
public static class BlobIdOrder
{
    /// <summary>The smallest blob id (all zero bytes).</summary>
    public static BlobId First { get; } = new(new byte[BlobId.Length]);

    /// <summary>Compares two blob ids in key order.</summary>
    public static int Compare(BlobId a, BlobId b)
    {
        Span<byte> x = stackalloc byte[BlobId.Length];
        Span<byte> y = stackalloc byte[BlobId.Length];
        a.CopyTo(x);
        b.CopyTo(y);
        return x.SequenceCompareTo(y);
    }

    /// <summary>The blob id right after <paramref name="blobId"/>, or null after the last one.</summary>
    public static BlobId? Next(BlobId blobId)
    {
        Span<byte> bytes = stackalloc byte[BlobId.Length];
        blobId.CopyTo(bytes);
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (++bytes[i] != 0)
            {
                return new BlobId(bytes);
            }
        }

        return null;
    }
}

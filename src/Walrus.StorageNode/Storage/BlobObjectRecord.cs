using System.Diagnostics.CodeAnalysis;
using Walrus.Core;
using Walrus.Core.Bcs;

namespace Walrus.StorageNode.Storage;

/// <summary>One registered blob object (an ERC-721 token of the BlobRegistry): its blob id, persistence, end epoch, certification, deletion.</summary>
public sealed record BlobObjectRecord(BlobId BlobId, bool Deletable, uint EndEpoch, bool Certified, bool Deleted)
{
    private const byte Version = 1;

    /// <summary>The stored form.</summary>
    public byte[] Serialize()
    {
        var writer = new BcsWriter(48);
        writer.WriteU8(Version);
        writer.WriteBlobId(BlobId);
        writer.WriteBool(Deletable);
        writer.WriteU32(EndEpoch);
        writer.WriteBool(Certified);
        writer.WriteBool(Deleted);
        return writer.ToArray();
    }

    /// <summary>Reads the stored form.</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out BlobObjectRecord? record)
    {
        record = null;
        var reader = new BcsReader(bytes);
        if (!reader.TryReadU8(out var version) || version != Version || !reader.TryReadBlobId(out var blobId)
            || !reader.TryReadBool(out var deletable) || !reader.TryReadU32(out var endEpoch)
            || !reader.TryReadBool(out var certified) || !reader.TryReadBool(out var deleted) || !reader.TryFinish())
        {
            return false;
        }

        record = new BlobObjectRecord(blobId, deletable, endEpoch, certified, deleted);
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Storage;

/// <summary>
/// What a node knows of a blob id from chain events: live registrations (permanent and deletable, certified or not), the
/// latest end epoch among them, the first certified epoch, whether it was marked invalid, and the event that last changed
/// the status. Stored as a versioned little-endian record.
/// </summary>
public sealed record BlobRecord
{
    private const byte Version = 1;

    /// <summary>Epoch of the first registration seen.</summary>
    public uint RegisteredEpoch { get; init; }

    /// <summary>Unencoded size from the registration.</summary>
    public ulong Size { get; init; }

    /// <summary>Live permanent registrations.</summary>
    public uint PermanentTotal { get; init; }

    /// <summary>Certified permanent registrations.</summary>
    public uint PermanentCertified { get; init; }

    /// <summary>Live deletable registrations.</summary>
    public uint DeletableTotal { get; init; }

    /// <summary>Certified deletable registrations.</summary>
    public uint DeletableCertified { get; init; }

    /// <summary>The latest end epoch (exclusive) of the live registrations.</summary>
    public uint EndEpoch { get; init; }

    /// <summary>The first epoch the blob id was certified in.</summary>
    public uint? InitialCertifiedEpoch { get; init; }

    /// <summary>Whether the blob id was marked invalid.</summary>
    public bool Invalid { get; init; }

    /// <summary>The event that last changed the status.</summary>
    public EventId? StatusEvent { get; init; }

    /// <summary>Whether any registration is live.</summary>
    public bool HasRegistrations => PermanentTotal + DeletableTotal > 0;

    /// <summary>Whether data may be stored in <paramref name="epoch"/>: registered, not expired, not invalid.</summary>
    public bool IsRegisteredIn(uint epoch) => !Invalid && HasRegistrations && EndEpoch > epoch;

    /// <summary>Whether some live registration is certified.</summary>
    public bool IsCertified => PermanentCertified + DeletableCertified > 0;

    /// <summary>The API view of this record.</summary>
    public BlobStatus ToStatus(uint epoch)
    {
        if (Invalid)
        {
            return new BlobStatus { Kind = BlobStatusKind.Invalid, StatusEvent = StatusEvent };
        }

        if (!HasRegistrations || EndEpoch <= epoch)
        {
            return BlobStatus.Nonexistent;
        }

        var counts = new DeletableCounts(DeletableTotal, DeletableCertified);
        return PermanentTotal > 0
            ? new BlobStatus
            {
                Kind = BlobStatusKind.Permanent,
                EndEpoch = EndEpoch,
                IsCertified = PermanentCertified > 0,
                StatusEvent = StatusEvent,
                DeletableCounts = counts,
                InitialCertifiedEpoch = InitialCertifiedEpoch,
            }
            : new BlobStatus { Kind = BlobStatusKind.Deletable, DeletableCounts = counts, InitialCertifiedEpoch = InitialCertifiedEpoch };
    }

    /// <summary>The stored form.</summary>
    public byte[] Serialize()
    {
        var writer = new BcsWriter(96);
        writer.WriteU8(Version);
        writer.WriteU32(RegisteredEpoch);
        writer.WriteU64(Size);
        writer.WriteU32(PermanentTotal);
        writer.WriteU32(PermanentCertified);
        writer.WriteU32(DeletableTotal);
        writer.WriteU32(DeletableCertified);
        writer.WriteU32(EndEpoch);
        writer.WriteBool(InitialCertifiedEpoch.HasValue);
        writer.WriteU32(InitialCertifiedEpoch ?? 0);
        writer.WriteBool(Invalid);
        writer.WriteBool(StatusEvent is not null);
        if (StatusEvent is { } e)
        {
            var tx = System.Text.Encoding.ASCII.GetBytes(e.TxDigest);
            writer.WriteBytes(tx);
            writer.WriteU64(e.EventSeq);
        }

        return writer.ToArray();
    }

    /// <summary>Reads the stored form.</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out BlobRecord? record)
    {
        record = null;
        var reader = new BcsReader(bytes);
        if (!reader.TryReadU8(out var version) || version != Version
            || !reader.TryReadU32(out var registered) || !reader.TryReadU64(out var size)
            || !reader.TryReadU32(out var permanentTotal) || !reader.TryReadU32(out var permanentCertified)
            || !reader.TryReadU32(out var deletableTotal) || !reader.TryReadU32(out var deletableCertified)
            || !reader.TryReadU32(out var endEpoch) || !reader.TryReadBool(out var hasInitial) || !reader.TryReadU32(out var initial)
            || !reader.TryReadBool(out var invalid) || !reader.TryReadBool(out var hasEvent))
        {
            return false;
        }

        EventId? statusEvent = null;
        if (hasEvent)
        {
            if (!reader.TryReadBytes(128, out var tx) || !reader.TryReadU64(out var seq))
            {
                return false;
            }

            statusEvent = new EventId(System.Text.Encoding.ASCII.GetString(tx), seq);
        }

        record = new BlobRecord
        {
            RegisteredEpoch = registered,
            Size = size,
            PermanentTotal = permanentTotal,
            PermanentCertified = permanentCertified,
            DeletableTotal = deletableTotal,
            DeletableCertified = deletableCertified,
            EndEpoch = endEpoch,
            InitialCertifiedEpoch = hasInitial ? initial : null,
            Invalid = invalid,
            StatusEvent = statusEvent,
        };
        return reader.TryFinish();
    }
}

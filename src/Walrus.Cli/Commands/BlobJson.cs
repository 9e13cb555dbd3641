using System.Text.Json;
using Walrus.Chain.Services;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>How a blob object is written in JSON by list-blobs, extend, delete and burn-blobs (camelCase, ids as strings).</summary>
internal static class BlobJson
{
    public static void Write(Utf8JsonWriter w, OwnedBlob owned)
    {
        var b = owned.Blob;
        w.WriteStartObject();
        w.WriteString("objectId", CliOutput.Text(b.ObjectId));
        w.WriteString("blobId", b.BlobId.ToString());
        w.WriteNumber("size", b.Size);
        w.WriteString("state", Name(owned.State));
        w.WriteBoolean("deletable", b.Deletable);
        w.WriteNumber("registeredEpoch", b.RegisteredEpoch.Value);
        if (b.CertifiedEpoch is { } certified)
        {
            w.WriteNumber("certifiedEpoch", certified.Value);
        }
        else
        {
            w.WriteNull("certifiedEpoch");
        }

        w.WriteNumber("startEpoch", b.StartEpoch.Value);
        w.WriteNumber("endEpoch", b.EndEpoch.Value);
        w.WriteNumber("encodedSize", b.StorageSize);
        w.WriteEndObject();
    }

    public static string Name(OwnedBlobState state) => state switch
    {
        OwnedBlobState.Registered => "registered",
        OwnedBlobState.Certified => "certified",
        _ => "expired",
    };

    public static IReadOnlyList<string> Row(BlobRecord b, OwnedBlobState state) =>
    [
        CliOutput.Text(b.ObjectId), b.BlobId.ToString(), b.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), Name(state),
        b.Deletable ? "deletable" : "permanent", b.EndEpoch.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    public static readonly IReadOnlyList<string> Headers = ["object id", "blob id", "size", "state", "persistence", "end epoch"];
}

using System.Text.Json;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;

namespace Walrus.Client.UploadRelay;

/// <summary>
/// The certificate an upload relay answers, in the shape the chain takes it (<see cref="Certificate"/>): the epoch, the
/// committee member indices that signed (ascending) and their 65-byte confirmation signatures concatenated in that order
/// (base64 in JSON). It is a claim until the client has checked every signature against the committee's keys.
/// </summary>
public sealed record RelayConfirmationCertificate(uint Epoch, IReadOnlyList<int> Signers, byte[] Signatures)
{
    /// <summary>The most signers a certificate names (a bound on what a client parses).</summary>
    public const int MaxSigners = 4096;

    /// <summary>The relay form of a certificate built by <see cref="CertificateBuilder"/>.</summary>
    public static RelayConfirmationCertificate From(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var signers = new List<int>();
        for (var i = 0; i < certificate.SignersBitmap.Length * 8; i++)
        {
            if ((certificate.SignersBitmap[i / 8] & (1 << (i % 8))) != 0)
            {
                signers.Add(i);
            }
        }

        return new RelayConfirmationCertificate(certificate.Epoch.Value, signers, certificate.Signatures);
    }

    /// <summary>The signature of the <paramref name="k"/>-th signer.</summary>
    public Signature SignatureAt(int k) => Signature.FromBytes(Signatures.AsSpan(k * Signature.Length, Signature.Length));

    /// <summary>Writes <c>{"epoch","signers","signatures"}</c>.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("epoch", Epoch);
        writer.WriteStartArray("signers");
        foreach (var signer in Signers)
        {
            writer.WriteNumberValue(signer);
        }

        writer.WriteEndArray();
        writer.WriteBase64String("signatures", Signatures);
        writer.WriteEndObject();
    }

    /// <summary>Reads a certificate, checking its shape (ascending signers, one signature each); not its signatures.</summary>
    /// <exception cref="FormatException">Not a well-formed certificate.</exception>
    public static RelayConfirmationCertificate Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("epoch", out var epochJson) || !epochJson.TryGetUInt32(out var epoch)
            || !json.TryGetProperty("signers", out var signersJson) || signersJson.ValueKind != JsonValueKind.Array
            || !json.TryGetProperty("signatures", out var signaturesJson) || signaturesJson.ValueKind != JsonValueKind.String
            || !signaturesJson.TryGetBytesFromBase64(out var signatures))
        {
            throw new FormatException("not a confirmation certificate: expected {\"epoch\",\"signers\",\"signatures\"}");
        }

        var count = signersJson.GetArrayLength();
        if (count > MaxSigners || signatures.Length != count * Signature.Length)
        {
            throw new FormatException($"the certificate names {count} signers but carries {signatures.Length} bytes of signatures");
        }

        var signers = new List<int>(count);
        foreach (var signer in signersJson.EnumerateArray())
        {
            if (!signer.TryGetInt32(out var index) || index < 0 || (signers.Count > 0 && index <= signers[^1]))
            {
                throw new FormatException("the certificate's signers are not ascending member indices");
            }

            signers.Add(index);
        }

        return new RelayConfirmationCertificate(epoch, signers, signatures);
    }
}

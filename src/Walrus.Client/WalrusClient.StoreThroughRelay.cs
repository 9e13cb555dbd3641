using System.Numerics;
using System.Security.Cryptography;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Generated;
using Walrus.Chain.Services;
using Walrus.Chain.Transactions;
using Walrus.Core.Encoding;
using Walrus.Client.UploadRelay;

namespace Walrus.Client;

/// <summary>Storing through an upload relay (<see cref="StoreOptions.UploadRelay"/>): one HTTP request instead of one per sliver.</summary>
public sealed partial class WalrusClient
{
    /// <summary>Opens the raw bytes of the blob being stored again; <c>Owned</c>: the caller disposes the stream.</summary>
    private delegate (Stream Stream, bool Owned) RawBlobOpener();

    private static RawBlobOpener RawFile(string path) => () => (File.OpenRead(path), true);

    private static RawBlobOpener RawBytes(byte[] blob) => () => (new MemoryStream(blob, writable: false), true);

    /// <summary>
    /// A caller's seekable stream, read again from where it stood. The encoder reads it in place too, but through a relay
    /// the encoder only computes the metadata, before this is used; a stream that cannot seek has no opener.
    /// </summary>
    private static RawBlobOpener? RawStream(Stream stream, StoreOptions? options)
    {
        if (options?.UploadRelay is null || !stream.CanSeek)
        {
            return null;
        }

        var start = stream.Position;
        return () =>
        {
            stream.Position = start;
            return (stream, false);
        };
    }

    /// <summary>The relay's tip for this blob, refused above <see cref="StoreOptions.MaxRelayTip"/> before anything is paid.</summary>
    private static async Task<BigInteger> QuoteRelayTipAsync(StoreOptions options, long unencodedLength, EncodingConfig config, RawBlobOpener? openRaw, CancellationToken cancellationToken)
    {
        if (openRaw is null)
        {
            throw new ArgumentException("Storing through an upload relay needs the blob again to send it: give a file path, bytes or a seekable stream.", nameof(options));
        }

        var tipConfig = await options.UploadRelay!.GetTipConfigAsync(cancellationToken);
        if (tipConfig is null)
        {
            return BigInteger.Zero;
        }

        var tip = tipConfig.Kind.TipFor(config.GetEncodedLength(unencodedLength));
        if (options.MaxRelayTip is { } max && tip > max)
        {
            throw new WalrusClientException($"the upload relay {options.UploadRelay.BaseAddress} asks a tip of {tip} FROST, above the maximum of {max} FROST; nothing was paid");
        }

        return tip;
    }

    /// <summary>
    /// Pays the relay's tip (a WAL transfer of exactly <paramref name="tip"/> carrying <see cref="RelayTipPayload"/>), posts the
    /// blob, checks every signature of the relay's certificate against the committee's registered keys (a relay cannot make
    /// us certify what the nodes did not confirm) and certifies. Returns the tip paid.
    /// </summary>
    private async Task<BigInteger> StoreThroughRelayAsync(
        StreamingEncodedBlob encoded, RawBlobOpener openRaw, Committee committee, PrivateKey wallet, BigInteger objectId, BigInteger tip, StoreOptions options,
        IProgress<StoreProgress>? progress, CancellationToken cancellationToken)
    {
        var relay = options.UploadRelay!;
        var blobId = encoded.BlobId;
        var length = encoded.UnencodedLength;
        var tipConfig = await relay.GetTipConfigAsync(cancellationToken);
        Hash256? txId = null;
        var nonce = Array.Empty<byte>();
        var paid = BigInteger.Zero;
        if (tipConfig is not null)
        {
            byte[] digest;
            var (raw, owned) = openRaw();
            try
            {
                digest = await SHA256.HashDataAsync(raw, cancellationToken);
            }
            finally
            {
                if (owned)
                {
                    await raw.DisposeAsync();
                }
            }

            nonce = RandomNumberGenerator.GetBytes(RelayTipPayload.NonceLength);
            var call = WALContract.Functions.Transfer.EncodeCall(tipConfig.Address, tip);
            var data = new byte[call.Length + RelayTipPayload.Length];
            call.CopyTo(data, 0);
            RelayTipPayload.Write(digest, nonce, (ulong)length, data.AsSpan(call.Length));
            progress?.Report(new StoreProgress("tipping", 0, length));
            var receipt = await Chain.Client.Sender.SendAndWaitAsync(wallet, new TransactionRequest { To = Chain.Wal.Address, Data = data }, WALContract.Errors, cancellationToken);
            txId = receipt.TransactionHash;
            paid = tip;
        }

        progress?.Report(new StoreProgress("uploading", 0, length));
        UploadRelayResponse answer;
        var (body, ownsBody) = openRaw();
        try
        {
            answer = await relay.UploadAsync(blobId, body, length, options.Deletable ? objectId : null, txId, nonce, cancellationToken);
        }
        catch (UploadRelayException e)
        {
            throw new WalrusClientException($"blob {blobId} (object {objectId}): {e.Message}" + (txId is { } tx ? $" (tip transaction {tx})" : ""), e);
        }
        finally
        {
            if (ownsBody)
            {
                await body.DisposeAsync();
            }
        }

        progress?.Report(new StoreProgress("certifying", length, length));
        var certificate = await VerifyRelayCertificateAsync(answer, blobId, committee, objectId, options.Deletable, relay, cancellationToken);
        await Chain.CertifyBlobAsync(wallet, objectId, blobId, options.Deletable, certificate, cancellationToken);
        return paid;
    }

    /// <summary>The relay's certificate rebuilt from signatures that each verify against the signer's registered key; else an exception.</summary>
    private async Task<Certificate> VerifyRelayCertificateAsync(
        UploadRelayResponse answer, Walrus.Core.BlobId blobId, Committee committee, BigInteger objectId, bool deletable, UploadRelayClient relay, CancellationToken cancellationToken)
    {
        var claimed = answer.ConfirmationCertificate;
        if (answer.BlobId != blobId)
        {
            throw new WalrusClientException($"blob {blobId}: the upload relay {relay.BaseAddress} answered a certificate of blob {answer.BlobId}");
        }

        var signedBy = claimed.Epoch == committee.Epoch.Value ? committee : await GetCommitteeAsync(cancellationToken);
        if (signedBy.Epoch.Value != claimed.Epoch)
        {
            throw new WalrusClientException($"blob {blobId}: the upload relay's certificate is for epoch {claimed.Epoch}, the current one is {signedBy.Epoch.Value}");
        }

        var builder = new CertificateBuilder(signedBy, Chain.ConfirmationDigest(signedBy.Epoch, blobId, deletable, objectId));
        for (var k = 0; k < claimed.Signers.Count; k++)
        {
            var index = claimed.Signers[k];
            Signature signature;
            try
            {
                signature = claimed.SignatureAt(k);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new WalrusClientException($"blob {blobId}: the upload relay {relay.BaseAddress} answered a malformed signature for member {index}", e);
            }

            if (index >= signedBy.Members.Count || !builder.TryAdd(signedBy.Members[index].NodeId, signature))
            {
                throw new WalrusClientException(
                    $"blob {blobId}: the upload relay {relay.BaseAddress} answered a certificate whose signature for member {index} is not that node's confirmation; nothing was certified");
            }
        }

        return builder.HasQuorum
            ? builder.Build()
            : throw new WalrusClientException($"blob {blobId}: the upload relay's certificate holds {builder.Weight} of {signedBy.ShardCount} shards, short of a quorum; nothing was certified");
    }
}

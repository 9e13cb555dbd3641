using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Recovery;

/// <summary>What a node asks of other nodes (metadata, recovery symbols, invalid-blob attestations), over the shared routes.</summary>
public sealed class PeerClient(HttpClient http)
{
    private static Uri Base(string networkAddress) =>
        new(networkAddress.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? networkAddress : "http://" + networkAddress);

    /// <summary>A peer's metadata of the blob if it verifies against the blob id, else null.</summary>
    public async Task<BlobMetadata?> GetMetadataAsync(string peer, BlobId blobId, EncodingConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var response = await http.GetAsync(new Uri(Base(peer), NodeApiRoutes.MetadataPath(blobId)), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return BlobMetadataWithId.TryFromBcs(bytes, out var metadata, out _, config.ShardCount)
            && metadata.BlobId == blobId && metadata.Verify(config) == MetadataVerificationResult.Valid
            ? metadata.Metadata
            : null;
    }

    /// <summary>A peer's recovery symbols for one target sliver (unverified), or none.</summary>
    public async Task<IReadOnlyList<GeneralRecoverySymbol>> GetRecoverySymbolsAsync(string peer, BlobId blobId, SliverIndex target, SliverType targetType, EncodingConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var response = await http.GetAsync(new Uri(Base(peer), NodeApiRoutes.RecoverySymbolsForTargetPath(blobId, target, targetType)), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return [];
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return RecoverySymbolList.TryFromBcs(bytes, config.ShardCount, EncodingConfig.MaxSymbolSize, out var symbols, out _) ? symbols : [];
    }

    /// <summary>A peer's signed invalid-blob attestation for an inconsistency proof, or null.</summary>
    public async Task<SignedMessage?> SubmitInconsistencyProofAsync(string peer, BlobId blobId, InconsistencyProof proof, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proof);
        using var content = new ByteArrayContent(proof.ToBcs());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.PostAsync(new Uri(Base(peer), NodeApiRoutes.InconsistencyProofPath(blobId, proof.TargetType)), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var body = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(cancellationToken), NodeApiJsonContext.Default.ApiSuccessBodySignedMessage, cancellationToken);
        return body?.Success.Data;
    }
}

using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Tests;

public sealed class SymbolEndpointTests : NodeApiTestBase
{
    [Fact]
    public async Task Recovery_symbols_for_a_target_sliver_verify_against_the_metadata()
    {
        using var blob = new TestBlob(31);
        Node.Register(blob, 31);
        await Node.StoreAllAsync(blob);
        var target = new SliverIndex(7);
        foreach (var targetType in new[] { SliverType.Primary, SliverType.Secondary })
        {
            var bytes = await Node.Http.GetByteArrayAsync(NodeApiRoutes.RecoverySymbolsForTargetPath(blob.BlobId, target, targetType));
            Assert.True(RecoverySymbolList.TryFromBcs(bytes, 100, EncodingConfig.MaxSymbolSize, out var symbols, out var error), error);
            Assert.Equal(Node.OwnedShards.Count, symbols.Count);
            foreach (var symbol in symbols)
            {
                Assert.Equal(SymbolVerificationResult.Valid, symbol.Verify(blob.Metadata.Metadata, blob.Config, target, targetType));
            }
        }
    }

    [Fact]
    public async Task Recovery_symbols_by_id_come_from_whichever_sliver_the_node_holds()
    {
        using var blob = new TestBlob(32);
        Node.Register(blob, 32);
        await Node.StoreAllAsync(blob);
        var ownedPair = blob.PairsOn(Node.OwnedShards).First();
        var id = new SymbolId(ownedPair.PrimarySliverIndex, new SliverIndex(3));
        var bytes = await Node.Http.GetByteArrayAsync(NodeApiRoutes.RecoverySymbolsPath(blob.BlobId) + "?id=" + id);
        Assert.True(RecoverySymbolList.TryFromBcs(bytes, 10, EncodingConfig.MaxSymbolSize, out var symbols, out var error), error);
        var symbol = Assert.Single(symbols);
        Assert.Equal(id, symbol.Id);
        Assert.Equal(SymbolVerificationResult.Valid, symbol.Verify(blob.Metadata.Metadata, blob.Config, new SliverIndex(3), SliverType.Secondary));

        using (var malformed = await Node.Http.GetAsync(NodeApiRoutes.RecoverySymbolsPath(blob.BlobId) + "?id=1-x"))
        {
            await TestNode.AssertErrorAsync(malformed, 400, NodeErrorReason.MalformedRequest);
        }

        using var outOfRange = await Node.Http.GetAsync(NodeApiRoutes.RecoverySymbolsPath(blob.BlobId) + "?id=1-10");
        await TestNode.AssertErrorAsync(outOfRange, 400, NodeErrorReason.IndexOutOfRange);
    }

    [Fact]
    public async Task Decoding_symbols_rebuild_a_sliver_together_with_the_other_nodes_symbols()
    {
        using var blob = new TestBlob(33);
        Node.Register(blob, 33);
        await Node.StoreAllAsync(blob);
        var bytes = await Node.Http.GetByteArrayAsync(NodeApiRoutes.DecodingSymbolsPath(blob.BlobId, [new SliverIndex(2), new SliverIndex(8)], SliverType.Secondary));
        Assert.True(DecodingSymbolMap.TryFromBcs(bytes, 10, 10, EncodingConfig.MaxSymbolSize, out var map, out var error), error);
        Assert.Equal([2, 8], map.Keys.Select(k => (int)k).ToArray());
        // A secondary sliver needs n_p symbols from primary slivers; this node holds 5 of 10 primaries (n_p = 4 at n = 10).
        var symbols = map[8].Select(s => s.Symbol).ToList();
        Assert.True(symbols.Count >= blob.Config.SymbolsForRecovery(SliverType.Secondary));
        Assert.True(SliverRecovery.TryRecoverVerified(blob.Config, blob.Metadata.Metadata, SliverType.Secondary, new SliverIndex(8), symbols, out var sliver));
        Assert.Equal(blob.Sliver(new SliverIndex(8).ToPairIndex(SliverType.Secondary, blob.Config.ShardCount), SliverType.Secondary), sliver);

        using var missingTargets = await Node.Http.GetAsync(NodeApiRoutes.RecoverySymbolsPath(blob.BlobId).Replace("recoverySymbols", "decodingSymbols", StringComparison.Ordinal) + "?targetType=primary");
        await TestNode.AssertErrorAsync(missingTargets, 400, NodeErrorReason.MalformedRequest);
    }

    [Fact]
    public async Task Symbol_requests_beyond_the_concurrency_limit_are_BLOB_UNAVAILABLE()
    {
        var node = await TestNode.StartAsync(options: new Walrus.StorageNode.Node.StorageNodeOptions { SymbolRequestConcurrency = 0 });
        try
        {
            using var blob = new TestBlob(34);
            node.Register(blob, 34);
            await node.StoreAllAsync(blob);
            using var response = await node.Http.GetAsync(NodeApiRoutes.RecoverySymbolsForTargetPath(blob.BlobId, new SliverIndex(1), SliverType.Primary));
            await TestNode.AssertErrorAsync(response, 503, NodeErrorReason.BlobUnavailable);
        }
        finally
        {
            await node.DestroyAsync();
        }
    }

    [Fact]
    public async Task A_valid_inconsistency_proof_is_answered_with_a_signed_invalid_blob_attestation()
    {
        using var blob = new TestBlob(35);
        // Metadata whose primary hash of pair 0 is wrong: it verifies against its own (different) blob id, and the real
        // secondary slivers' symbols decode to a primary sliver 0 that does not match it.
        var hashes = blob.Metadata.Metadata.Hashes.ToArray();
        hashes[0] = hashes[0] with { PrimaryHash = hashes[1].PrimaryHash };
        var bad = new BlobMetadata(EncodingType.RS2, (ulong)blob.Data.Length, hashes);
        var badId = bad.ComputeBlobId();
        Node.Service.ApplyRegistered(badId, 3500, (ulong)blob.Data.Length, TestNode.Epoch, 5, false, Node.NextEvent());
        using (var put = await Node.PutAsync(NodeApiRoutes.MetadataPath(badId), bad.ToBcs()))
        {
            Assert.Equal(201, (int)put.StatusCode);
        }

        var target = new SliverIndex(0);
        var symbols = new List<RecoverySymbol>();
        for (var j = 0; j < blob.Config.SymbolsForRecovery(SliverType.Primary); j++)
        {
            var secondary = blob.Sliver(new SliverIndex((ushort)j).ToPairIndex(SliverType.Secondary, blob.Config.ShardCount), SliverType.Secondary);
            symbols.Add(new ExpandedSliver(secondary, blob.Config).CreateRecoverySymbol(target));
        }

        var proof = new InconsistencyProof(SliverType.Primary, target, symbols);
        using (var response = await Node.Http.PostAsync(NodeApiRoutes.InconsistencyProofPath(badId, SliverType.Primary), new ByteArrayContent(proof.ToBcs())))
        {
            var signed = await Node.SuccessDataAsync(response, 200, NodeApiJsonContext.Default.ApiSuccessBodySignedMessage);
            Assert.True(InvalidBlobMessage.TryParse(signed.SerializedMessage, out var message));
            Assert.Equal(new InvalidBlobMessage(TestNode.Epoch, badId), message);
            Assert.True(Node.Service.Signer.VerifyFrom(signed, Node.Service.Signer.Address));
        }

        // The same symbols against the consistent blob prove nothing.
        Node.Register(blob, 3501);
        using (var put = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId), blob.MetadataBcs))
        {
            Assert.Equal(201, (int)put.StatusCode);
        }

        using (var consistent = await Node.Http.PostAsync(NodeApiRoutes.InconsistencyProofPath(blob.BlobId, SliverType.Primary), new ByteArrayContent(proof.ToBcs())))
        {
            await TestNode.AssertErrorAsync(consistent, 400, NodeErrorReason.InvalidInconsistencyProof);
        }

        var tooFew = new InconsistencyProof(SliverType.Primary, target, symbols.Skip(1));
        using (var few = await Node.Http.PostAsync(NodeApiRoutes.InconsistencyProofPath(badId, SliverType.Primary), new ByteArrayContent(tooFew.ToBcs())))
        {
            await TestNode.AssertErrorAsync(few, 400, NodeErrorReason.InvalidInconsistencyProof);
        }

        using var garbage = await Node.Http.PostAsync(NodeApiRoutes.InconsistencyProofPath(badId, SliverType.Primary), new ByteArrayContent([1, 2, 3]));
        await TestNode.AssertErrorAsync(garbage, 400, NodeErrorReason.MalformedBody);
    }
}

using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Chain.Crypto.Eip712;
using Walrus.Core;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Chain;
using Walrus.TestKit;

namespace Walrus.StorageNode.Tests;

public sealed class ConfirmationEndpointTests : NodeApiTestBase
{
    [Fact]
    public async Task A_confirmation_is_refused_until_every_owned_sliver_pair_is_stored()
    {
        using var blob = new TestBlob(21);
        Node.Register(blob, 21);
        using (var early = await Node.Http.GetAsync(NodeApiRoutes.PermanentConfirmationPath(blob.BlobId)))
        {
            await TestNode.AssertErrorAsync(early, 409, NodeErrorReason.NotFullyStored);
        }

        await Node.StoreAllAsync(blob);
        using var response = await Node.Http.GetAsync(NodeApiRoutes.PermanentConfirmationPath(blob.BlobId));
        var confirmation = await Node.SuccessDataAsync(response, 200, NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation);
        Assert.True(ConfirmationMessage.TryParse(confirmation.Signed.SerializedMessage, out var message));
        Assert.Equal(new ConfirmationMessage(TestNode.Epoch, blob.BlobId, ConfirmationMessage.Permanent, BigInteger.Zero), message);
        Assert.Equal(Signature.Length, confirmation.Signed.Signature.Length);
    }

    [Fact]
    public async Task The_serialized_message_re_derives_the_digest_the_contract_checks_and_recovers_to_the_node()
    {
        using var blob = new TestBlob(22);
        Node.Register(blob, 22);
        await Node.StoreAllAsync(blob);
        using var response = await Node.Http.GetAsync(NodeApiRoutes.PermanentConfirmationPath(blob.BlobId));
        var signed = (await Node.SuccessDataAsync(response, 200, NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation)).Signed;

        // What docs/storage-node.md tells a client: digest = keccak256(0x1901 || domainSeparator || keccak256(serializedMessage)).
        var domain = WalrusMessages.Domain(AnvilFixture.ChainId, TestNode.Registry).Separator();
        var rederived = Eip712Hasher.Digest(domain, Keccak256.Hash(signed.SerializedMessage));
        var expected = WalrusMessages.ConfirmationDigest(domain, TestNode.Epoch, NodeSigner.ToHash(blob.BlobId), WalrusMessages.PersistencePermanent, BigInteger.Zero);
        Assert.Equal(expected, rederived);
        using var key = TestNode.SigningKey(1);
        Assert.True(WalrusMessages.Verify(rederived, Signature.FromBytes(signed.Signature), key.Address));
        Assert.True(ConfirmationMessage.TypeHash.SequenceEqual(Keccak256.HashUtf8(WalrusMessages.ConfirmationType).ToArray()));
        Assert.True(InvalidBlobMessage.TypeHash.SequenceEqual(Keccak256.HashUtf8(WalrusMessages.InvalidBlobType).ToArray()));
    }

    [Fact]
    public async Task Deletable_confirmations_need_the_registered_deletable_object()
    {
        using var blob = new TestBlob(23);
        var objectId = BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture);
        Node.Register(blob, objectId, deletable: true);
        await Node.StoreAllAsync(blob);
        var hex = "0x" + objectId.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
        using (var ok = await Node.Http.GetAsync(NodeApiRoutes.DeletableConfirmationPath(blob.BlobId, hex)))
        {
            var signed = (await Node.SuccessDataAsync(ok, 200, NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation)).Signed;
            Assert.True(ConfirmationMessage.TryParse(signed.SerializedMessage, out var message));
            Assert.Equal(ConfirmationMessage.Deletable, message.Persistence);
            Assert.Equal(objectId, message.ObjectId);
        }

        using (var unknown = await Node.Http.GetAsync(NodeApiRoutes.DeletableConfirmationPath(blob.BlobId, "0x01")))
        {
            await TestNode.AssertErrorAsync(unknown, 404, NodeErrorReason.BlobObjectNotFound);
        }

        using (var permanent = await Node.Http.GetAsync(NodeApiRoutes.PermanentConfirmationPath(blob.BlobId)))
        {
            await TestNode.AssertErrorAsync(permanent, 404, NodeErrorReason.BlobNotRegistered);
        }

        using var malformed = await Node.Http.GetAsync(NodeApiRoutes.DeletableConfirmationPath(blob.BlobId, "0xnothex"));
        await TestNode.AssertErrorAsync(malformed, 400, NodeErrorReason.MalformedRequest);
    }

    [Fact]
    public async Task Wait_for_registration_long_polls_until_the_registration_is_seen()
    {
        using var blob = new TestBlob(24);
        // Stored as a pending upload; the confirmation request then waits for the registration.
        using (var metadata = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId) + "?pending=true", blob.MetadataBcs))
        {
            Assert.Equal(202, (int)metadata.StatusCode);
        }

        foreach (var pair in blob.PairsOn(Node.OwnedShards))
        {
            foreach (var type in new[] { SliverType.Primary, SliverType.Secondary })
            {
                using var put = await Node.PutAsync(NodeApiRoutes.SliverPath(blob.BlobId, pair, type) + "?pending=true", blob.SliverBcs(pair, type));
                Assert.Equal(202, (int)put.StatusCode);
            }
        }

        using (var noWait = await Node.Http.GetAsync(NodeApiRoutes.PermanentConfirmationPath(blob.BlobId)))
        {
            await TestNode.AssertErrorAsync(noWait, 404, NodeErrorReason.BlobNotRegistered);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        using (var timedOut = await Node.Http.GetAsync(NodeApiRoutes.PermanentConfirmationPath(blob.BlobId) + "?wait_for_registration=true&wait_millis=300"))
        {
            await TestNode.AssertErrorAsync(timedOut, 404, NodeErrorReason.BlobNotRegistered);
            Assert.True(started.ElapsedMilliseconds >= 290, $"answered after {started.ElapsedMilliseconds} ms without waiting");
        }

        var waiting = Node.Http.GetAsync(NodeApiRoutes.PermanentConfirmationPath(blob.BlobId) + "?wait_for_registration=true&wait_millis=20000");
        Node.Register(blob, 24);
        using var response = await waiting;
        await Node.SuccessDataAsync(response, 200, NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation);
    }
}

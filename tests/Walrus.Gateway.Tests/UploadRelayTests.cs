using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Generated;
using Walrus.Chain.Services;
using Walrus.Chain.Transactions;
using Walrus.Client;
using Walrus.Client.UploadRelay;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Gateway.UploadRelay;

namespace Walrus.Gateway.Tests;

/// <summary>
/// The upload relay over real HTTP against the real network: stores through it with the SDK (one request instead of one
/// per sliver), tips paid and checked on chain, replays and forged certificates refused, bad requests answered 4xx.
/// </summary>
[Collection(GatewayClusterGroup.Name)]
public sealed class UploadRelayTests(GatewayCluster gateway)
{
    private static readonly BigInteger Tip = 1_000_000;

    [Fact]
    public async Task A_store_through_the_relay_sends_one_request_to_the_relay_none_to_nodes_and_reads_back_byte_exact()
    {
        await using var server = await StartRelayAsync(new UploadRelayOptions());
        using var relay = new UploadRelayClient(server.BaseAddress);
        Assert.Null(await relay.GetTipConfigAsync());
        using var client = new WalrusClient(gateway.Cluster.Chain, gateway.Wallet);
        var blob = GatewayCluster.RandomBlob(901, 1_500_000); // above Kestrel's default body limit of 1 MiB
        var relayRequestsBefore = relay.RequestCount;

        var stored = await client.StoreAsync(blob, new StoreOptions { UploadRelay = relay });

        Assert.Equal(StoreOutcome.NewlyCreated, stored.Outcome);
        Assert.Equal(1, relay.RequestCount - relayRequestsBefore);
        Assert.Equal(0, stored.NodeRequests);
        Assert.Equal(0, client.NodeRequestCount);
        var record = await gateway.Cluster.Chain.GetBlobAsync(stored.ObjectId!.Value);
        Assert.NotNull(record.CertifiedEpoch);
        Assert.True(record.Deletable);
        using var copy = new MemoryStream();
        await gateway.Client.ReadAsync(stored.BlobId, copy);
        Assert.Equal(blob, copy.ToArray());
    }

    [Fact]
    public async Task A_relay_asking_a_tip_is_paid_exactly_the_tip_which_the_store_counts_in_its_cost()
    {
        using var relayKey = PrivateKey.Generate();
        await using var server = await StartRelayAsync(new UploadRelayOptions { Tip = new RelayTipConfig(relayKey.Address, new ConstRelayTip((ulong)Tip)) });
        using var relay = new UploadRelayClient(server.BaseAddress);
        using var client = new WalrusClient(gateway.Cluster.Chain, gateway.Wallet);
        var blob = GatewayCluster.RandomBlob(902, 40_000);
        var before = await gateway.BalanceAsync();

        var stored = await client.StoreAsync(blob, new StoreOptions { UploadRelay = relay, MaxRelayTip = Tip, Deletable = false });

        Assert.Equal(Tip, await gateway.Cluster.Chain.Wal.BalanceOfAsync(relayKey.Address));
        Assert.Equal(before - stored.Cost, await gateway.BalanceAsync());
        Assert.True(stored.Cost > Tip);
        Assert.NotNull((await gateway.Cluster.Chain.GetBlobAsync(stored.ObjectId!.Value)).CertifiedEpoch);
        using var copy = new MemoryStream();
        await gateway.Client.ReadAsync(stored.BlobId, copy);
        Assert.Equal(blob, copy.ToArray());
    }

    [Fact]
    public async Task A_tip_above_the_maximum_is_refused_before_anything_is_paid()
    {
        using var relayKey = PrivateKey.Generate();
        await using var server = await StartRelayAsync(new UploadRelayOptions { Tip = new RelayTipConfig(relayKey.Address, new LinearRelayTip(1000, 10)) });
        using var relay = new UploadRelayClient(server.BaseAddress);
        using var client = new WalrusClient(gateway.Cluster.Chain, gateway.Wallet);
        var before = await gateway.BalanceAsync();

        var refused = await Assert.ThrowsAsync<WalrusClientException>(() =>
            client.StoreAsync(GatewayCluster.RandomBlob(903, 10_000), new StoreOptions { UploadRelay = relay, MaxRelayTip = 1000 }));

        Assert.Contains("tip", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await gateway.BalanceAsync());
    }

    [Fact]
    public async Task Tips_are_checked_on_chain_and_a_used_tip_is_refused_even_after_a_restart()
    {
        using var relayKey = PrivateKey.Generate();
        var usedTips = Path.Combine(Path.GetTempPath(), "walrus-relay-test-" + Guid.NewGuid().ToString("N"));
        var options = new UploadRelayOptions { Tip = new RelayTipConfig(relayKey.Address, new ConstRelayTip((ulong)Tip)), UsedTipsPath = usedTips };
        try
        {
            var blob = GatewayCluster.RandomBlob(904, 30_000);
            var (blobId, objectId) = await RegisterAsync(blob, deletable: true);
            var nonce = RandomNumberGenerator.GetBytes(32);
            await using (var server = await StartRelayAsync(options))
            {
                using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
                using (var tipConfig = JsonDocument.Parse(await http.GetStringAsync(UploadRelayRoutes.TipConfig)))
                {
                    var send = tipConfig.RootElement.GetProperty("send_tip");
                    Assert.Equal(relayKey.Address.ToString(), send.GetProperty("address").GetString(), StringComparer.OrdinalIgnoreCase);
                    Assert.Equal((ulong)Tip, send.GetProperty("kind").GetProperty("const").GetUInt64());
                }

                using (var untipped = await PostAsync(http, blobId, objectId, null, null, blob))
                {
                    await GatewayAssert.ErrorAsync(untipped, (HttpStatusCode)402, UploadRelayErrorReason.TipRequired);
                }

                // A tip whose proof names other bytes, one that pays too little, one paid to someone else.
                var otherBytes = await PayTipAsync(relayKey.Address, Tip, GatewayCluster.RandomBlob(905, blob.Length), nonce);
                using (var wrongPayload = await PostAsync(http, blobId, objectId, otherBytes, nonce, blob))
                {
                    await GatewayAssert.ErrorAsync(wrongPayload, HttpStatusCode.BadRequest, UploadRelayErrorReason.InvalidTip);
                }

                var tooLittle = await PayTipAsync(relayKey.Address, Tip - 1, blob, nonce);
                using (var insufficient = await PostAsync(http, blobId, objectId, tooLittle, nonce, blob))
                {
                    await GatewayAssert.ErrorAsync(insufficient, (HttpStatusCode)402, UploadRelayErrorReason.InsufficientTip);
                }

                using var stranger = PrivateKey.Generate();
                var elsewhere = await PayTipAsync(stranger.Address, Tip, blob, nonce);
                using (var notToRelay = await PostAsync(http, blobId, objectId, elsewhere, nonce, blob))
                {
                    await GatewayAssert.ErrorAsync(notToRelay, HttpStatusCode.BadRequest, UploadRelayErrorReason.InvalidTip);
                }

                var paid = await PayTipAsync(relayKey.Address, Tip, blob, nonce);
                using (var wrongNonce = await PostAsync(http, blobId, objectId, paid, RandomNumberGenerator.GetBytes(32), blob))
                {
                    await GatewayAssert.ErrorAsync(wrongNonce, HttpStatusCode.BadRequest, UploadRelayErrorReason.InvalidTip);
                }

                using (var accepted = await PostAsync(http, blobId, objectId, paid, nonce, blob))
                {
                    var text = await accepted.Content.ReadAsStringAsync();
                    Assert.True(accepted.StatusCode == HttpStatusCode.OK, text);
                    using var json = JsonDocument.Parse(text);
                    Assert.Equal(blobId.ToString(), json.RootElement.GetProperty("blob_id").GetString());
                    var certificate = UploadRelayResponse.Parse(json.RootElement).ConfirmationCertificate;

                    // The certificate is in the chain's shape: certifying with it works.
                    var committee = await gateway.Client.GetCommitteeAsync();
                    var bitmap = new byte[(committee.Members.Count + 7) / 8];
                    foreach (var signer in certificate.Signers)
                    {
                        bitmap[signer / 8] |= (byte)(1 << (signer % 8));
                    }

                    await gateway.Cluster.Chain.CertifyBlobAsync(gateway.Wallet, objectId, blobId, true, new Certificate(new Epoch(certificate.Epoch), bitmap, certificate.Signatures, 0));
                    Assert.NotNull((await gateway.Cluster.Chain.GetBlobAsync(objectId)).CertifiedEpoch);
                }

                using (var replay = await PostAsync(http, blobId, objectId, paid, nonce, blob))
                {
                    await GatewayAssert.ErrorAsync(replay, HttpStatusCode.Conflict, UploadRelayErrorReason.TipAlreadyUsed);
                }

                Assert.Equal((Tip * 3) - 1, await gateway.Cluster.Chain.Wal.BalanceOfAsync(relayKey.Address));
            }

            // A restarted relay remembers the tip.
            await using (var restarted = await StartRelayAsync(options))
            {
                using var http = new HttpClient { BaseAddress = restarted.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
                using var replay = await PostAsync(http, blobId, objectId, (await File.ReadAllLinesAsync(usedTips)).Select(Hash256.Parse).Single(), nonce, blob);
                await GatewayAssert.ErrorAsync(replay, HttpStatusCode.Conflict, UploadRelayErrorReason.TipAlreadyUsed);
            }
        }
        finally
        {
            File.Delete(usedTips);
        }
    }

    [Fact]
    public async Task Bad_requests_answer_4xx_with_a_reason_before_any_sliver_leaves()
    {
        await using var server = await StartRelayAsync(new UploadRelayOptions { MaxBodyBytes = 50_000 });
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        Assert.Equal("\"no_tip\"", await http.GetStringAsync(UploadRelayRoutes.TipConfig));
        var blob = GatewayCluster.RandomBlob(906, 20_000);
        var (blobId, objectId) = await RegisterAsync(blob, deletable: true);

        foreach (var query in new[] { "", "?blob_id=nope", $"?blob_id={blobId}&color=red", $"?blob_id={blobId}&blob_id={blobId}",
            $"?blob_id={blobId}&deletable_blob_object=xyz", $"?blob_id={blobId}&encoding_type=RS1", $"?blob_id={blobId}&tx_id=0x12" })
        {
            using var malformed = await http.PostAsync(UploadRelayRoutes.BlobUploadRelay + query, new ByteArrayContent(blob));
            await GatewayAssert.ErrorAsync(malformed, HttpStatusCode.BadRequest, GatewayErrorReason.MalformedRequest);
        }

        // Not registered: a blob id nobody registered; a permanent upload of a deletable registration; another object.
        var unregistered = new Rs2Encoder(EncodingConfig.Create(TestKit.Cluster.TestCluster.Shards)).ComputeBlobId(GatewayCluster.RandomBlob(907, 1000));
        using (var none = await PostAsync(http, unregistered, null, null, null, blob))
        {
            await GatewayAssert.ErrorAsync(none, HttpStatusCode.BadRequest, UploadRelayErrorReason.BlobNotRegistered);
        }

        using (var notPermanent = await PostAsync(http, blobId, null, null, null, blob))
        {
            await GatewayAssert.ErrorAsync(notPermanent, HttpStatusCode.BadRequest, UploadRelayErrorReason.BlobNotRegistered);
        }

        using (var noObject = await PostAsync(http, blobId, objectId + 1000, null, null, blob))
        {
            await GatewayAssert.ErrorAsync(noObject, HttpStatusCode.BadRequest, UploadRelayErrorReason.BlobNotRegistered);
        }

        // Other bytes of the same length: the relay encodes them and refuses before fanning out.
        using (var otherBytes = await PostAsync(http, blobId, objectId, null, null, GatewayCluster.RandomBlob(908, blob.Length)))
        {
            await GatewayAssert.ErrorAsync(otherBytes, HttpStatusCode.BadRequest, UploadRelayErrorReason.BlobIdMismatch);
        }

        using (var shorter = await PostAsync(http, blobId, objectId, null, null, blob[..^1]))
        {
            await GatewayAssert.ErrorAsync(shorter, HttpStatusCode.BadRequest, UploadRelayErrorReason.BlobNotRegistered);
        }

        using (var oversized = await PostAsync(http, blobId, objectId, null, null, new byte[60_000]))
        {
            await GatewayAssert.ErrorAsync(oversized, HttpStatusCode.RequestEntityTooLarge, GatewayErrorReason.PayloadTooLarge);
        }
    }

    [Fact]
    public async Task Uploads_beyond_the_concurrency_and_queue_limits_answer_429()
    {
        var blob = GatewayCluster.RandomBlob(910, 20_000);
        var (blobId, objectId) = await RegisterAsync(blob, deletable: true);
        // The relay's requests for the blob's metadata wait until released: the first upload then holds the only slot
        // for as long as the test needs (a slow node cannot be had on cue).
        using var holding = new HoldingSliverHandler(Walrus.Core.NodeApi.NodeApiRoutes.MetadataPath(blobId));
        using var nodeHttp = new HttpClient(holding);
        using var relayClient = new WalrusClient(gateway.Cluster.Chain, null, nodeHttp);
        await using var server = await GatewayServer.StartAsync(relayClient, null,
            new GatewayOptions { BindAddress = "127.0.0.1:0", Publisher = false, Aggregator = false, UploadRelay = new UploadRelayOptions { MaxConcurrent = 1, MaxQueued = 0 } },
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var first = PostAsync(http, blobId, objectId, null, null, blob);
        await holding.Held;

        using (var second = await PostAsync(http, blobId, objectId, null, null, blob))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
            Assert.Equal("text/plain", second.Content.Headers.ContentType?.MediaType);
        }

        holding.Release();
        using var done = await first;
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    [Fact]
    public async Task A_relay_answering_a_forged_certificate_is_refused_and_nothing_is_certified()
    {
        await using var server = await StartRelayAsync(new UploadRelayOptions());
        // The real relay's answer with one signature altered: a lying relay cannot be had on cue otherwise.
        using var forging = new ForgingRelayHandler();
        using var http = new HttpClient(forging) { Timeout = TimeSpan.FromMinutes(2) };
        using var relay = new UploadRelayClient(server.BaseAddress, http);
        using var client = new WalrusClient(gateway.Cluster.Chain, gateway.Wallet);
        var blob = GatewayCluster.RandomBlob(909, 25_000);

        var refused = await Assert.ThrowsAsync<WalrusClientException>(() => client.StoreAsync(blob, new StoreOptions { UploadRelay = relay }));

        Assert.Contains("not that node's confirmation", refused.Message, StringComparison.Ordinal);
        Assert.True(forging.Forged);
        var blobId = new Rs2Encoder(EncodingConfig.Create(TestKit.Cluster.TestCluster.Shards)).ComputeBlobId(blob);
        var (record, _) = Assert.Single(await gateway.Client.FindBlobObjectsAsync(blobId));
        Assert.Null(record.CertifiedEpoch);
    }

    [Fact]
    public async Task The_openapi_document_of_a_relay_lists_its_routes()
    {
        await using var server = await StartRelayAsync(new UploadRelayOptions());
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var api = JsonDocument.Parse(await http.GetStringAsync("/v1/api"));
        var paths = api.RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty(UploadRelayRoutes.BlobUploadRelay).TryGetProperty("post", out _));
        Assert.True(paths.GetProperty(UploadRelayRoutes.TipConfig).TryGetProperty("get", out _));
        Assert.False(paths.TryGetProperty("/v1/blobs", out _));
    }

    internal Task<GatewayServer> StartRelayAsync(UploadRelayOptions relay) =>
        gateway.StartAsync(new GatewayOptions { Publisher = false, Aggregator = false, UploadRelay = relay });

    /// <summary>Registers (and pays for) a blob for one epoch, as a relay's client does before posting it.</summary>
    private async Task<(BlobId BlobId, BigInteger ObjectId)> RegisterAsync(byte[] blob, bool deletable)
    {
        var chain = gateway.Cluster.Chain;
        var metadata = new Rs2Encoder(WalrusClient.Config(await gateway.Client.GetCommitteeAsync())).ComputeMetadata(new MemoryStream(blob));
        var quote = await chain.QuoteStoreAsync((ulong)blob.Length, 1);
        await chain.ApproveWalAsync(gateway.Wallet, quote.Total);
        var objectId = (await chain.ReserveAndRegisterBlobsAsync(gateway.Wallet, [BlobRegistration.From(metadata, deletable)], 1, quote.Total))[0];
        return (metadata.BlobId, objectId);
    }

    /// <summary>A WAL transfer to <paramref name="to"/> carrying the upload proof of <paramref name="blob"/> and <paramref name="nonce"/>.</summary>
    private async Task<Hash256> PayTipAsync(Address to, BigInteger amount, byte[] blob, byte[] nonce)
    {
        var call = WALContract.Functions.Transfer.EncodeCall(to, amount);
        var data = new byte[call.Length + RelayTipPayload.Length];
        call.CopyTo(data, 0);
        RelayTipPayload.Write(SHA256.HashData(blob), nonce, (ulong)blob.Length, data.AsSpan(call.Length));
        var chain = gateway.Cluster.Chain;
        var receipt = await chain.Client.Sender.SendAndWaitAsync(gateway.Wallet, new TransactionRequest { To = chain.Wal.Address, Data = data }, WALContract.Errors, CancellationToken.None);
        return receipt.TransactionHash;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, BlobId blobId, BigInteger? objectId, Hash256? txId, byte[]? nonce, byte[] body)
    {
        var query = $"{UploadRelayRoutes.BlobUploadRelay}?blob_id={blobId}";
        query += objectId is { } id ? "&deletable_blob_object=" + NodeClient.ObjectIdHex(id) : "";
        query += txId is { } tx ? "&tx_id=" + tx : "";
        query += nonce is null ? "" : "&nonce=" + UploadRelayClient.Base64Url(nonce);
        return http.PostAsync(query, new ByteArrayContent(body));
    }

    /// <summary>Passes requests to the real relay and alters the first signature of a certificate it answers.</summary>
    private sealed class ForgingRelayHandler() : DelegatingHandler(new HttpClientHandler())
    {
        public bool Forged { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Post || response.StatusCode != HttpStatusCode.OK)
            {
                return response;
            }

            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            var signatures = Convert.FromBase64String(json["confirmation_certificate"]!["signatures"]!.GetValue<string>());
            signatures[5] ^= 0x40;
            json["confirmation_certificate"]!["signatures"] = Convert.ToBase64String(signatures);
            response.Content = new StringContent(json.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            Forged = true;
            return response;
        }
    }
}

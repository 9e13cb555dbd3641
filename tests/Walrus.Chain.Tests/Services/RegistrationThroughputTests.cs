using System.Diagnostics;
using System.Globalization;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.TestKit;
using Xunit.Abstractions;

namespace Walrus.Chain.Tests.Services;

/// <summary>
/// Throughput of one account sending many registrations at once (nonce pipelining) and the latency of
/// register + certify, against a local anvil with automine. Category Slow: tools/test.sh runs it only with
/// WALRUS_SLOW_TESTS=1, or run it alone with --filter RegistrationThroughput.
/// </summary>
public sealed class RegistrationThroughputTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Concurrent_registrations_from_one_account_and_register_certify_latency()
    {
        using var network = new WalrusNetworkFixture();
        await network.InitializeAsync();
        var chain = network.Chain;
        using var user = WalrusNetworkFixture.User();
        var encoded = await chain.BlobRegistry.EncodedSizeAsync(1000);
        var quote = await chain.System.StorageCostAsync(encoded, 1) + await chain.System.WriteCostAsync(encoded);

        foreach (var count in new[] { 50, 200 })
        {
            var blobs = await Task.WhenAll(Enumerable.Range(0, count).Select(i => NewBlobAsync(chain, $"tp-{count}-{i}")));
            var clock = Stopwatch.StartNew();
            var ids = await Task.WhenAll(blobs.Select(b => chain.ReserveAndRegisterBlobsAsync(user, [b], 1, quote)));
            clock.Stop();
            Assert.Equal(count, ids.Select(i => i[0]).Distinct().Count());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} concurrent reserve+register transactions from one account: {clock.Elapsed.TotalSeconds:F2} s, {count / clock.Elapsed.TotalSeconds:F1} tx/s"));
        }

        var latencies = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var blob = await NewBlobAsync(chain, "latency-" + i.ToString(CultureInfo.InvariantCulture));
            var clock = Stopwatch.StartNew();
            var objectId = (await chain.ReserveAndRegisterBlobsAsync(user, [blob], 1, quote))[0];
            var (epoch, _) = await chain.GetEpochAsync();
            var certificate = await network.CertifyAsync(chain.ConfirmationDigest(epoch, blob.BlobId, false, objectId));
            await chain.CertifyBlobAsync(user, objectId, blob.BlobId, false, certificate);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"register + certify latency over {latencies.Count} blobs: mean {latencies.Average():F1} ms, p50 {latencies[latencies.Count / 2]:F1} ms, p95 {latencies[(int)(latencies.Count * 0.95)]:F1} ms"));

        var concurrentClock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var blob = await NewBlobAsync(chain, "concurrent-cycle-" + i.ToString(CultureInfo.InvariantCulture));
            var objectId = (await chain.ReserveAndRegisterBlobsAsync(user, [blob], 1, quote))[0];
            var (epoch, _) = await chain.GetEpochAsync();
            var certificate = await network.CertifyAsync(chain.ConfirmationDigest(epoch, blob.BlobId, false, objectId));
            await chain.CertifyBlobAsync(user, objectId, blob.BlobId, false, certificate);
        }));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"50 concurrent register+certify cycles from one account: {concurrentClock.Elapsed.TotalSeconds:F2} s, {50 / concurrentClock.Elapsed.TotalSeconds:F1} blobs/s"));
    }

    private static async Task<BlobRegistration> NewBlobAsync(WalrusChainClient chain, string label)
    {
        var root = Keccak256.HashUtf8(label);
        var blobId = await chain.BlobRegistry.DeriveBlobIdAsync(1, 1000, root);
        return new BlobRegistration(blobId.ToBlobId(), root, 1000, 1, false);
    }
}

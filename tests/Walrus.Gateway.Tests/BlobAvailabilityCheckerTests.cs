using Walrus.Chain;
using Walrus.Chain.Generated;
using Walrus.Chain.Rpc;
using Walrus.Chain.Services;
using Walrus.Chain.Transactions;
using Walrus.Client;
using Walrus.Core.Encoding;

namespace Walrus.Gateway.Tests;

/// <summary>The aggregator's on-chain availability check, counted in JSON-RPC requests against the real chain.</summary>
[Collection(GatewayClusterGroup.Name)]
public sealed class BlobAvailabilityCheckerTests(GatewayCluster gateway)
{
    [Fact]
    public async Task An_unknown_blob_id_is_checked_with_every_deny_list_in_one_request()
    {
        using var counter = new CountingHandler();
        using var http = new HttpClient(counter);
        using var rpc = new JsonRpcClient(http, new JsonRpcClientOptions { Endpoint = gateway.Cluster.Anvil.Endpoint });
        var chain = new WalrusChainClient(new ContractClient(new TransactionSender(new EthClient(rpc))), gateway.Cluster.Deployment);
        using var client = new WalrusClient(chain);
        var checker = new BlobAvailabilityChecker(client, TimeProvider.System, TimeSpan.Zero);
        var committee = await client.GetCommitteeAsync();
        var unknown = new Rs2Encoder(WalrusClient.Config(committee)).ComputeBlobId(GatewayCluster.RandomBlob(971, 100));
        var before = counter.Requests;
        var denyCallsBefore = counter.RequestsWith(NodeRegistryContract.Functions.IsBlobDenied.Selector);

        var answer = await checker.CheckAsync(unknown, CancellationToken.None);

        Assert.Equal(BlobAvailabilityKind.NotFound, answer.Kind);
        Assert.Equal(1, counter.RequestsWith(NodeRegistryContract.Functions.IsBlobDenied.Selector) - denyCallsBefore);
        // The epoch (committee cache), the batch, and eth_blockNumber + eth_getLogs for deletable objects; before the batch
        // this was 3 + one eth_call per committee member (7 with this 4-node committee).
        Assert.Equal(4, counter.Requests - before);

        // What the same three questions cost asked one call at a time (as the checker did before).
        var oneByOne = counter.Requests;
        var hash = unknown.ToHash256();
        await chain.BlobRegistry.IsInvalidAsync(hash);
        await chain.BlobRegistry.IsBlobCertifiedAsync(hash);
        foreach (var member in committee.Members)
        {
            await chain.NodeRegistry.IsBlobDeniedAsync(member.NodeId, hash);
        }

        Assert.Equal(2 + committee.Members.Count, counter.Requests - oneByOne);
    }

    /// <summary>Counts the HTTP requests to the chain, and those whose body names a function selector.</summary>
    private sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly List<string> _bodies = [];

        public int Requests
        {
            get
            {
                lock (_bodies)
                {
                    return _bodies.Count;
                }
            }
        }

        public int RequestsWith(ReadOnlySpan<byte> selector)
        {
            var hex = Convert.ToHexStringLower(selector);
            lock (_bodies)
            {
                return _bodies.Count(b => b.Contains(hex, StringComparison.Ordinal));
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (_bodies)
            {
                _bodies.Add(body);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}

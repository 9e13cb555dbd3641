using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Node;

namespace Walrus.StorageNode.Tests;

public sealed class ProtocolTests
{
    [Fact]
    public async Task Without_tls_the_api_speaks_http_1_1()
    {
        var node = await TestNode.StartAsync();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, NodeApiRoutes.Health) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using var response = await node.Http.SendAsync(request);
            Assert.Equal(HttpVersion.Version11, response.Version);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await node.DestroyAsync();
        }
    }

    [Fact]
    public async Task With_a_tls_certificate_the_api_negotiates_http_2()
    {
        var certificateFile = Path.Combine(Path.GetTempPath(), "walrus-node-cert-" + Guid.NewGuid().ToString("N") + ".pfx");
        string thumbprint;
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
            thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            await File.WriteAllBytesAsync(certificateFile, certificate.Export(X509ContentType.Pfx));
        }

        var node = await TestNode.StartAsync(options: new StorageNodeOptions { TlsCertificateFile = certificateFile });
        try
        {
            Assert.Equal("https", node.Server.BaseAddress.Scheme);
            using var handler = new SocketsHttpHandler();
            // The node's self-signed certificate, pinned by its hash (as clients pin a node's certificate).
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint;
            using var http = new HttpClient(handler) { BaseAddress = node.Server.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, NodeApiRoutes.Health) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await node.DestroyAsync();
            File.Delete(certificateFile);
        }
    }
}

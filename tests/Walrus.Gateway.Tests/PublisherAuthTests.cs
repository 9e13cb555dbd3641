using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Walrus.Gateway.Tests;

/// <summary>JWT bearer auth of the publisher (HS256, Walrus's claims) over real HTTP.</summary>
[Collection(GatewayClusterGroup.Name)]
public sealed class PublisherAuthTests(GatewayCluster gateway)
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("a test secret of thirty-two bytes!!");

    private static string Token(Dictionary<string, object> claims, byte[]? secret = null)
    {
        static string Encode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
        var head = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "HS256", ["typ"] = "JWT" }));
        var body = Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = HMACSHA256.HashData(secret ?? Secret, Encoding.ASCII.GetBytes(head + "." + body));
        return head + "." + body + "." + Encode(signature);
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static async Task<HttpResponseMessage> PutAsync(HttpClient http, string path, byte[] body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Tokens_are_checked_for_signature_expiry_single_use_and_the_upload_claims()
    {
        await using var server = await gateway.StartAsync(new GatewayOptions { Publisher = true, Aggregator = false, Auth = new PublisherAuthOptions { Secret = Secret } });
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var blob = GatewayCluster.RandomBlob(401, 500);
        var balance = await gateway.BalanceAsync();

        using (var none = await PutAsync(http, "/v1/blobs", blob, null))
        {
            await GatewayAssert.ErrorAsync(none, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        var refused = new[]
        {
            Token(new() { ["exp"] = Now - 5, ["iat"] = Now - 60 }),
            Token(new() { ["exp"] = Now + 60 }, Encoding.UTF8.GetBytes("another secret of thirty-two bytes!")),
            Token(new() { ["exp"] = Now + 60, ["max_size"] = 100 }),
            Token(new() { ["exp"] = Now + 60, ["size"] = 499 }),
            Token(new() { ["exp"] = Now + 60, ["epochs"] = 3 }),
            Token(new() { ["exp"] = Now + 60, ["max_epochs"] = 0 }),
            Token(new() { ["exp"] = Now + 60, ["send_object_to"] = "0x000000000000000000000000000000000000dEaD" }),
            "not.a.token",
        };
        foreach (var token in refused)
        {
            using var response = await PutAsync(http, "/v1/blobs", blob, token);
            await GatewayAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        Assert.Equal(balance, await gateway.BalanceAsync());

        var good = Token(new() { ["exp"] = Now + 60, ["iat"] = Now, ["jti"] = Guid.NewGuid().ToString(), ["size"] = 500, ["max_epochs"] = 2 });
        using (var accepted = await PutAsync(http, "/v1/blobs?epochs=2", blob, good))
        {
            Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        }

        using var replayed = await PutAsync(http, "/v1/blobs?epochs=2", blob, good);
        await GatewayAssert.ErrorAsync(replayed, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}

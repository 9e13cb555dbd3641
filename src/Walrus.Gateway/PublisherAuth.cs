using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Walrus.Chain;

namespace Walrus.Gateway;

/// <summary>
/// JWT bearer auth of the publisher with Walrus's claims: HS256 signature; <c>exp</c> (required) and <c>iat</c>; <c>jti</c>
/// used once; <c>send_object_to</c>, <c>epochs</c> | <c>max_epochs</c>, <c>size</c> | <c>max_size</c> checked against the request.
/// </summary>
internal sealed class PublisherAuth(PublisherAuthOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _usedIds = new(StringComparer.Ordinal);

    /// <summary>Checks the bearer token of a request; throws 401 for a missing, invalid, expired or reused token, 400 when the request breaks a claim.</summary>
    public void Authorize(HttpContext context, PublisherRequest request, long? declaredSize)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            throw Unauthorized("A bearer token is required.");
        }

        var claims = Validate(header[Bearer.Length..].Trim());
        if (options.VerifyUploadClaims)
        {
            if (claims.TryGetProperty("send_object_to", out var to) &&
                (request.SendObjectTo is not { } target || !Address.TryParse(to.GetString(), out var claimed) || claimed != target))
            {
                throw Unauthorized("send_object_to does not match the token.");
            }

            if (Number(claims, "epochs") is { } epochs && request.Epochs != epochs)
            {
                throw Unauthorized("epochs does not match the token.");
            }

            if (Number(claims, "max_epochs") is { } maxEpochs && request.Epochs > maxEpochs)
            {
                throw Unauthorized("epochs is above the token's max_epochs.");
            }
        }

        var limits = new TokenLimits(Number(claims, "size"), Number(claims, "max_size"));
        context.Items[typeof(TokenLimits)] = limits;
        if (declaredSize is { } size)
        {
            Check(limits, size);
        }

        ConsumeJti(claims);
    }

    /// <summary>Checks the body's size against the token's <c>size</c> / <c>max_size</c> of the current request.</summary>
    public static void CheckSize(HttpContext context, long size)
    {
        if (context.Items.TryGetValue(typeof(TokenLimits), out var value) && value is TokenLimits limits)
        {
            Check(limits, size);
        }
    }

    private static void Check(TokenLimits limits, long size)
    {
        if (limits.Size is { } exact && size != exact)
        {
            throw Unauthorized("The body's size does not match the token's size claim.");
        }

        if (limits.MaxSize is { } max && size > max)
        {
            throw Unauthorized("The body is larger than the token's max_size.");
        }
    }

    private JsonElement Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || token.Length > 8192)
        {
            throw Unauthorized("The token is not a JWT.");
        }

        JsonElement head;
        JsonElement claims;
        byte[] signature;
        try
        {
            head = JsonSerializer.Deserialize<JsonElement>(Base64UrlDecode(parts[0]));
            claims = JsonSerializer.Deserialize<JsonElement>(Base64UrlDecode(parts[1]));
            signature = Base64UrlDecode(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw Unauthorized("The token is not a JWT.");
        }

        if (head.ValueKind != JsonValueKind.Object || !head.TryGetProperty("alg", out var alg) || alg.GetString() != "HS256" || claims.ValueKind != JsonValueKind.Object)
        {
            throw Unauthorized("Only HS256 tokens are accepted.");
        }

        var expected = HMACSHA256.HashData(options.Secret, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            throw Unauthorized("The token's signature does not verify.");
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Number(claims, "exp") is not { } exp || exp <= now)
        {
            throw Unauthorized("The token has expired (or has no exp).");
        }

        if (Number(claims, "iat") is { } iat)
        {
            if (iat > now + 60)
            {
                throw Unauthorized("The token is issued in the future.");
            }

            if (options.MaxLifetime is { } lifetime && exp - iat > (long)lifetime.TotalSeconds)
            {
                throw Unauthorized("The token lives longer than this publisher allows.");
            }
        }

        return claims;
    }

    private void ConsumeJti(JsonElement claims)
    {
        if (!claims.TryGetProperty("jti", out var jti))
        {
            return;
        }

        var id = jti.ValueKind == JsonValueKind.String ? jti.GetString() ?? "" : jti.GetRawText();
        var exp = Number(claims, "exp") ?? 0;
        if (!_usedIds.TryAdd(id, exp))
        {
            throw Unauthorized("The token's jti was used already.");
        }

        // Forget ids whose tokens have expired (they cannot be replayed any more).
        if (_usedIds.Count > 10_000)
        {
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            foreach (var (key, expiry) in _usedIds)
            {
                if (expiry <= now)
                {
                    _usedIds.TryRemove(key, out _);
                }
            }
        }
    }

    private static long? Number(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private static GatewayException Unauthorized(string message) => new(GatewayErrorReason.Unauthorized, message);

    private sealed record TokenLimits(long? Size, long? MaxSize);
}

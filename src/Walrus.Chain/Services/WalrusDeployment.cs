using System.Text.Json;
using System.Text.Json.Serialization;

namespace Walrus.Chain.Services;

/// <summary>
/// The addresses of a Walrus.NET deployment, as contracts/script/Deploy.s.sol writes them
/// (deployments/&lt;chainId&gt;.json).
/// </summary>
public sealed record WalrusDeployment
{
    /// <summary>Chain id.</summary>
    [JsonPropertyName("chainId")]
    public ulong ChainId { get; init; }

    /// <summary>The block before the deployment (where event followers start).</summary>
    [JsonPropertyName("deployBlock")]
    public ulong DeployBlock { get; init; }

    /// <summary>Epoch duration in seconds.</summary>
    [JsonPropertyName("epochDuration")]
    public ulong EpochDuration { get; init; }

    /// <summary>Shard count.</summary>
    [JsonPropertyName("nShards")]
    public int ShardCount { get; init; }

    /// <summary>WAL token.</summary>
    [JsonPropertyName("wal")]
    [JsonConverter(typeof(AddressJsonConverter))]
    public Address Wal { get; init; }

    /// <summary>Directory.</summary>
    [JsonPropertyName("directory")]
    [JsonConverter(typeof(AddressJsonConverter))]
    public Address Directory { get; init; }

    /// <summary>NodeRegistry proxy.</summary>
    [JsonPropertyName("nodeRegistry")]
    [JsonConverter(typeof(AddressJsonConverter))]
    public Address NodeRegistry { get; init; }

    /// <summary>Staking proxy.</summary>
    [JsonPropertyName("staking")]
    [JsonConverter(typeof(AddressJsonConverter))]
    public Address Staking { get; init; }

    /// <summary>StakedWal proxy.</summary>
    [JsonPropertyName("stakedWal")]
    [JsonConverter(typeof(AddressJsonConverter))]
    public Address StakedWal { get; init; }

    /// <summary>System proxy.</summary>
    [JsonPropertyName("system")]
    [JsonConverter(typeof(AddressJsonConverter))]
    public Address System { get; init; }

    /// <summary>StorageResource proxy.</summary>
    [JsonPropertyName("storageResource")]
    [JsonConverter(typeof(AddressJsonConverter))]
    public Address StorageResource { get; init; }

    /// <summary>BlobRegistry proxy.</summary>
    [JsonPropertyName("blobRegistry")]
    [JsonConverter(typeof(AddressJsonConverter))]
    public Address BlobRegistry { get; init; }

    /// <summary>Slashing proxy.</summary>
    [JsonPropertyName("slashing")]
    [JsonConverter(typeof(AddressJsonConverter))]
    public Address Slashing { get; init; }

    /// <summary>Governance proxy.</summary>
    [JsonPropertyName("governance")]
    [JsonConverter(typeof(AddressJsonConverter))]
    public Address Governance { get; init; }

    /// <summary>Reads a deployment file.</summary>
    public static async Task<WalrusDeployment> LoadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(stream, DeploymentJsonContext.Default.WalrusDeployment, cancellationToken)
            ?? throw new FormatException($"Deployment file '{path}' is empty.");
    }
}

/// <summary>Reads and writes addresses as EIP-55 strings.</summary>
internal sealed class AddressJsonConverter : JsonConverter<Address>
{
    public override Address Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Address.Parse(reader.GetString() ?? throw new JsonException("Expected an address string."));

    public override void Write(Utf8JsonWriter writer, Address value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

[JsonSerializable(typeof(WalrusDeployment))]
internal sealed partial class DeploymentJsonContext : JsonSerializerContext;

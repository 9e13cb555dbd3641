using System.Text;
using System.Text.Json;

namespace Walrus.Testbed;

/// <summary>The files a testbed writes into its folder and reads back when it resumes or goes down.</summary>
internal static class TestbedFiles
{
    public const string TestbedFile = "testbed.json";
    public const string ClientFile = "client.json";
    public const string DeploymentFile = "deployment.json";
    public const string WalletFile = "wallet.json";
    public const string AnvilStateFile = "anvil-state.json";
    public const string AnvilLogFile = "anvil.log";
    public const string GatewayLogFile = "gateway.log";

    /// <summary>
    /// A node as testbed.json records it: <see cref="Url"/> is its registered address (a Byzantine node's proxy),
    /// <see cref="Port"/> the node process's own port, <see cref="ProxyPort"/> the proxy's (null for an honest node).
    /// </summary>
    internal sealed record NodeEntry(string Name, uint NodeId, string Url, int Port, int? Pid, IReadOnlyList<int> Shards, bool Byzantine, string Config)
    {
        public int? ProxyPort { get; init; }
    }

    /// <summary>testbed.json.</summary>
    internal sealed record State(string RpcUrl, int AnvilPort, int? AnvilPid, int? Pid, string Deployment, string? GatewayUrl, IReadOnlyList<NodeEntry> Nodes)
    {
        /// <summary>The gateway's port (kept when the network is resumed) and pid, when it runs one.</summary>
        public int? GatewayPort { get; init; }

        public int? GatewayPid { get; init; }

        /// <summary>The control socket of the running <c>testbed up</c> process (null while stopped).</summary>
        public string? Control { get; init; }
    }

    /// <summary>The context client.json names the testbed by.</summary>
    public const string ClientContext = "testbed";

    /// <summary>client.json in the layout of Walrus's client config: one context with the rpc url, the deployment and the wallet.</summary>
    public static string FormatClientConfig(Uri rpcUrl, string deploymentFile, string walletFile) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("contexts");
            writer.WriteStartObject(ClientContext);
            writer.WriteString("rpc_url", rpcUrl.ToString().TrimEnd('/'));
            writer.WriteString("deployment", deploymentFile);
            writer.WriteString("wallet", walletFile);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteString("default_context", ClientContext);
            writer.WriteEndObject();
        });

    public static string FormatState(State state) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("rpcUrl", state.RpcUrl);
            if (state.GatewayUrl is null)
            {
                writer.WriteNull("gatewayUrl");
            }
            else
            {
                writer.WriteString("gatewayUrl", state.GatewayUrl);
            }

            WriteNullable(writer, "pid", state.Pid);
            if (state.Control is null)
            {
                writer.WriteNull("control");
            }
            else
            {
                writer.WriteString("control", state.Control);
            }

            if (state.GatewayPort is not null)
            {
                writer.WriteStartObject("gateway");
                WriteNullable(writer, "port", state.GatewayPort);
                WriteNullable(writer, "pid", state.GatewayPid);
                writer.WriteEndObject();
            }

            writer.WriteStartObject("anvil");
            writer.WriteNumber("port", state.AnvilPort);
            WriteNullable(writer, "pid", state.AnvilPid);
            writer.WriteEndObject();
            writer.WriteString("deployment", state.Deployment);
            writer.WriteStartArray("nodes");
            foreach (var node in state.Nodes)
            {
                writer.WriteStartObject();
                writer.WriteString("name", node.Name);
                writer.WriteNumber("nodeId", node.NodeId);
                writer.WriteString("url", node.Url);
                writer.WriteNumber("port", node.Port);
                WriteNullable(writer, "pid", node.Pid);
                writer.WriteStartArray("shards");
                foreach (var shard in node.Shards)
                {
                    writer.WriteNumberValue(shard);
                }

                writer.WriteEndArray();
                writer.WriteBoolean("byzantine", node.Byzantine);
                WriteNullable(writer, "proxyPort", node.ProxyPort);
                writer.WriteString("config", node.Config);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    public static State ParseState(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var anvil = root.GetProperty("anvil");
        var nodes = new List<NodeEntry>();
        foreach (var node in root.GetProperty("nodes").EnumerateArray())
        {
            nodes.Add(new NodeEntry(
                node.GetProperty("name").GetString()!, node.GetProperty("nodeId").GetUInt32(), node.GetProperty("url").GetString()!,
                node.GetProperty("port").GetInt32(), NullableInt(node, "pid"),
                node.GetProperty("shards").EnumerateArray().Select(s => s.GetInt32()).ToList(),
                node.GetProperty("byzantine").GetBoolean(), node.GetProperty("config").GetString()!)
            {
                ProxyPort = NullableInt(node, "proxyPort"),
            });
        }

        return new State(
            root.GetProperty("rpcUrl").GetString()!, anvil.GetProperty("port").GetInt32(), NullableInt(anvil, "pid"), NullableInt(root, "pid"),
            root.GetProperty("deployment").GetString()!, root.TryGetProperty("gatewayUrl", out var gateway) && gateway.ValueKind == JsonValueKind.String ? gateway.GetString() : null,
            nodes)
        {
            GatewayPort = root.TryGetProperty("gateway", out var process) ? NullableInt(process, "port") : null,
            GatewayPid = root.TryGetProperty("gateway", out var process2) ? NullableInt(process2, "pid") : null,
            Control = root.TryGetProperty("control", out var control) && control.ValueKind == JsonValueKind.String ? control.GetString() : null,
        };
    }

    /// <summary>Writes a file through a temporary file and a rename, so that a reader never sees half of it.</summary>
    public static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private static int? NullableInt(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static void WriteNullable(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}

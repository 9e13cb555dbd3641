using System.Text;
using System.Text.Json;

namespace Walrus.Testbed;

/// <summary>
/// One request on a testbed's control socket (one JSON line): <c>add-node</c> (<see cref="StakeWal"/>, <see cref="Wait"/>),
/// <c>remove-node</c> (<see cref="Node"/>) or <c>stake</c> (<see cref="Node"/>, <see cref="StakeWal"/>, <see cref="Wait"/>).
/// </summary>
public sealed record TestbedRequest
{
    /// <summary>Adds a node.</summary>
    public const string AddNode = "add-node";

    /// <summary>Deregisters a node, waits for its hand-over, stops it.</summary>
    public const string RemoveNode = "remove-node";

    /// <summary>Stakes more WAL with a node.</summary>
    public const string Stake = "stake";

    /// <summary>Longest request line the server reads.</summary>
    internal const int MaxLineLength = 4096;

    /// <summary><see cref="AddNode"/>, <see cref="RemoveNode"/> or <see cref="Stake"/>.</summary>
    public required string Command { get; init; }

    /// <summary>The node's name (remove-node, stake).</summary>
    public string? Node { get; init; }

    /// <summary>WAL to stake (add-node: the new node's stake, 0 for the testbed's default; stake: the amount).</summary>
    public long StakeWal { get; init; }

    /// <summary>Wait until the epoch change that applies the change is done (add-node, stake; remove-node always waits).</summary>
    public bool Wait { get; init; }

    internal string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("command", Command);
            if (Node is not null)
            {
                writer.WriteString("node", Node);
            }

            writer.WriteNumber("stakeWal", StakeWal);
            writer.WriteBoolean("wait", Wait);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses a request line; throws <see cref="JsonException"/> or <see cref="FormatException"/> when it is not one.</summary>
    internal static TestbedRequest Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("command", out var command) || command.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("a request is a JSON object with a \"command\" string");
        }

        return new TestbedRequest
        {
            Command = command.GetString()!,
            Node = root.TryGetProperty("node", out var node) && node.ValueKind == JsonValueKind.String ? node.GetString() : null,
            StakeWal = root.TryGetProperty("stakeWal", out var stake) && stake.ValueKind == JsonValueKind.Number ? stake.GetInt64() : 0,
            Wait = root.TryGetProperty("wait", out var wait) && wait.ValueKind == JsonValueKind.True,
        };
    }
}

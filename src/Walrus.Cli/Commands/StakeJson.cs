using System.Globalization;
using System.Text.Json;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>How a stake position is written by stake and list-staked-wal (camelCase, amounts in FROST as strings).</summary>
internal static class StakeJson
{
    /// <summary>Prints the positions as one JSON array.</summary>
    public static Task WriteArrayAsync(IEnumerable<StakePosition> positions) => CliOutput.WriteJsonAsync(w =>
    {
        w.WriteStartArray();
        foreach (var p in positions)
        {
            Write(w, p);
        }

        w.WriteEndArray();
    });

    public static void Write(Utf8JsonWriter w, StakePosition p)
    {
        w.WriteStartObject();
        w.WriteString("stakedWalId", CliOutput.Text(p.TokenId));
        w.WriteNumber("nodeId", p.NodeId);
        w.WriteString("principal", CliOutput.Text(p.Principal));
        w.WriteString("value", CliOutput.Text(p.Value));
        w.WriteNumber("activationEpoch", p.ActivationEpoch.Value);
        if (p.WithdrawEpoch is { } withdraw)
        {
            w.WriteNumber("withdrawEpoch", withdraw.Value);
        }
        else
        {
            w.WriteNull("withdrawEpoch");
        }

        w.WriteString("state", Name(p.State));
        w.WriteEndObject();
    }

    public static string Name(StakeState state) => state switch
    {
        StakeState.Pending => "pending",
        StakeState.Active => "active",
        StakeState.Withdrawing => "withdrawing",
        _ => "withdrawable",
    };

    public static IReadOnlyList<string> Row(StakePosition p) =>
    [
        CliOutput.Text(p.TokenId), p.NodeId.ToString(CultureInfo.InvariantCulture), CliOutput.Wal(p.Principal), CliOutput.Wal(p.Value), Name(p.State),
        p.ActivationEpoch.Value.ToString(CultureInfo.InvariantCulture), p.WithdrawEpoch?.Value.ToString(CultureInfo.InvariantCulture) ?? "-",
    ];

    public static readonly IReadOnlyList<string> Headers = ["staked WAL id", "node", "principal", "value", "state", "activation epoch", "withdraw epoch"];
}

using System.Globalization;
using System.Text.Json;
using Walrus.Chain.Services;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>
/// What <c>walrus health --committee</c> adds up over the nodes' answers: the chain's epoch and whether an epoch change
/// is in progress, the committee's shards by state (owned, in transfer, in recovery, on nodes that did not answer) and the
/// shards still locked on their previous owners, the nodes that did not answer, and the bytes moved in the current change.
/// </summary>
internal sealed record CommitteeHealthSummary(
    uint Epoch,
    EpochState EpochState,
    int Shards,
    int Owned,
    int InTransfer,
    int InRecovery,
    int Locked,
    int OnUnreachableNodes,
    int Nodes,
    IReadOnlyList<string> Unreachable,
    long BytesReceived,
    long? BytesTotal)
{
    /// <summary>Whether the committee is still receiving its shards (EpochChangeSync).</summary>
    public bool EpochChangeInProgress => EpochState == EpochState.EpochChangeSync;

    /// <summary>
    /// Adds up <paramref name="current"/> (the committee's nodes, whose shard counts <paramref name="committee"/> gives) and
    /// <paramref name="leaving"/> (nodes of the previous committee only: they hold locked shards and nothing else).
    /// </summary>
    public static CommitteeHealthSummary From(SystemState state, Committee committee, IReadOnlyList<NodeHealthReport> current, IReadOnlyList<NodeHealthReport> leaving)
    {
        int owned = 0, inTransfer = 0, inRecovery = 0, locked = 0, unreachableShards = 0;
        long received = 0, total = 0;
        var totalKnown = true;
        var reported = false;
        var unreachable = new List<string>();
        foreach (var report in current)
        {
            if (report.Health is not { } health)
            {
                unreachable.Add(report.Name ?? report.NetworkAddress);
                unreachableShards += committee.Members.FirstOrDefault(m => m.NodeId == report.NodeId)?.Shards.Count ?? 0;
                continue;
            }

            owned += health.ShardSummary.Ready;
            inTransfer += health.ShardSummary.InTransfer;
            inRecovery += health.ShardSummary.InRecovery;
            locked += health.ShardSummary.Locked;
            if (health.EpochChange is { } change && change.Epoch == state.Epoch.Value)
            {
                reported = true;
                received += change.BytesReceived;
                total += change.BytesTotal ?? 0;
                totalKnown &= change.BytesTotal is not null;
            }
        }

        foreach (var report in leaving)
        {
            locked += report.Health?.ShardSummary.Locked ?? 0;
        }

        return new CommitteeHealthSummary(state.Epoch.Value, state.State, committee.Members.Sum(m => m.Shards.Count), owned, inTransfer, inRecovery, locked,
            unreachableShards, current.Count, unreachable, received, reported && totalKnown ? total : null);
    }

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject("summary");
        w.WriteNumber("epoch", Epoch);
        w.WriteString("epochState", EpochState.ToString());
        w.WriteBoolean("epochChangeInProgress", EpochChangeInProgress);
        w.WriteStartObject("shards");
        w.WriteNumber("total", Shards);
        w.WriteNumber("owned", Owned);
        w.WriteNumber("inTransfer", InTransfer);
        w.WriteNumber("inRecovery", InRecovery);
        w.WriteNumber("locked", Locked);
        w.WriteNumber("onUnreachableNodes", OnUnreachableNodes);
        w.WriteEndObject();
        w.WriteNumber("nodes", Nodes);
        w.WriteNumber("unreachable", Unreachable.Count);
        w.WriteStartArray("unreachableNodes");
        foreach (var name in Unreachable)
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
        w.WriteStartObject("epochChange");
        w.WriteNumber("bytesReceived", BytesReceived);
        if (BytesTotal is { } total)
        {
            w.WriteNumber("bytesTotal", total);
        }
        else
        {
            w.WriteNull("bytesTotal");
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    public async Task WriteTextAsync(TextWriter output)
    {
        await output.WriteLineAsync($"epoch {Epoch} ({EpochState}): {(EpochChangeInProgress ? "epoch change in progress (the committee is receiving its shards)" : "no epoch change in progress")}");
        await output.WriteLineAsync($"shards owned {Owned}, in transfer {InTransfer}, in recovery {InRecovery}, on unreachable nodes {OnUnreachableNodes} (of {Shards}); locked on previous owners {Locked}");
        await output.WriteLineAsync($"nodes: {Nodes} in the committee, {Nodes - Unreachable.Count} answered, {Unreachable.Count} unreachable{(Unreachable.Count > 0 ? " (" + string.Join(", ", Unreachable) + ")" : "")}");
        var total = BytesTotal is { } t ? " of " + Mib(t) : "";
        await output.WriteLineAsync($"epoch change {Epoch}: received {Mib(BytesReceived)}{total} of slivers from previous owners");
        await output.WriteLineAsync();
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}

using System.CommandLine;
using System.Globalization;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus health [--committee | --node-url URL...]</c>: each storage node's health endpoint (status, epoch, shards,
/// event progress, uptime); with <c>--committee</c> first a summary over the committee (<see cref="CommitteeHealthSummary"/>).
/// Exit code 0 when every node asked answered, 1 otherwise, so that it can watch a network.
/// </summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var committee = new Option<bool>("--committee")
        {
            Description = "Ask every node of the current committee (the default) and sum up: shards by state, unreachable nodes, the epoch change's progress.",
        };
        var nodeUrls = new Option<string[]>("--node-url", "--node-urls")
        {
            Description = "Ask these nodes (host:port or a URL); needs no client config.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("health", "Show the health of storage nodes: the committee's or given ones.") { committee, nodeUrls };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var urls = result.GetValue(nodeUrls) ?? [];
            if (urls.Length > 0 && result.GetValue(committee))
            {
                throw new ArgumentException("give either --committee or --node-url, not both");
            }

            IReadOnlyList<NodeHealthReport> reports;
            CommitteeHealthSummary? summary = null;
            if (urls.Length > 0)
            {
                using var http = new HttpClient();
                reports = await Task.WhenAll(urls.Select(u => WalrusClient.GetNodeHealthAsync(http, u, WalrusClient.DefaultHealthTimeout, token)));
            }
            else
            {
                using var client = await ClientOptions.ConnectAsync(result, needsWallet: false, token);
                if (result.GetValue(committee))
                {
                    (summary, reports) = await SummarizeAsync(client, token);
                }
                else
                {
                    reports = await client.GetCommitteeHealthAsync(token);
                }
            }

            if (result.GetValue(ClientOptions.Json))
            {
                await CliOutput.WriteJsonAsync(w =>
                {
                    if (summary is not null)
                    {
                        w.WriteStartObject();
                        summary.WriteJson(w);
                        w.WritePropertyName("nodes");
                    }

                    w.WriteStartArray();
                    foreach (var r in reports)
                    {
                        w.WriteStartObject();
                        if (r.NodeId is { } id)
                        {
                            w.WriteNumber("nodeId", id);
                        }

                        if (r.Name is { } name)
                        {
                            w.WriteString("name", name);
                        }

                        w.WriteString("networkAddress", r.NetworkAddress);
                        if (r.Health is { } h)
                        {
                            w.WriteString("nodeStatus", h.NodeStatus);
                            w.WriteNumber("epoch", h.Epoch);
                            w.WriteString("publicKey", h.PublicKey);
                            w.WriteNumber("uptimeSeconds", h.Uptime.Secs);
                            w.WriteStartObject("shardSummary");
                            w.WriteNumber("owned", h.ShardSummary.Owned);
                            w.WriteNumber("ready", h.ShardSummary.Ready);
                            w.WriteNumber("inTransfer", h.ShardSummary.InTransfer);
                            w.WriteNumber("inRecovery", h.ShardSummary.InRecovery);
                            w.WriteNumber("locked", h.ShardSummary.Locked);
                            w.WriteEndObject();
                            w.WriteStartObject("eventProgress");
                            w.WriteNumber("persisted", h.EventProgress.Persisted);
                            w.WriteNumber("pending", h.EventProgress.Pending);
                            w.WriteNumber("highestFinishedEventIndex", h.EventProgress.HighestFinishedEventIndex);
                            w.WriteEndObject();
                        }
                        else
                        {
                            w.WriteString("error", r.Error);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    if (summary is not null)
                    {
                        w.WriteEndObject();
                    }
                });
            }
            else
            {
                if (summary is not null)
                {
                    await summary.WriteTextAsync(Console.Out);
                }

                var rows = reports.Select(r => (IReadOnlyList<string>)
                [
                    r.NodeId?.ToString(CultureInfo.InvariantCulture) ?? "-", r.Name ?? "-", r.NetworkAddress,
                    r.Health?.NodeStatus ?? "DOWN",
                    r.Health?.Epoch.ToString(CultureInfo.InvariantCulture) ?? "-",
                    r.Health is { } h ? $"{h.ShardSummary.Ready}/{h.ShardSummary.Owned}" : "-",
                    r.Health is { } p ? p.EventProgress.Persisted.ToString(CultureInfo.InvariantCulture) : "-",
                    r.Health is { } u ? $"{u.Uptime.Secs} s" : r.Error ?? "",
                ]).ToList();
                await CliOutput.WriteTableAsync(["node", "name", "address", "status", "epoch", "shards ready", "events", "uptime / error"], rows, "no nodes to ask");
            }

            return reports.All(r => r.Answered) ? 0 : 1;
        }));
        return command.WithClientOptions();
    }

    /// <summary>The committee's health and, for the locked shards, that of the previous committee's nodes that left it.</summary>
    private static async Task<(CommitteeHealthSummary Summary, IReadOnlyList<NodeHealthReport> Reports)> SummarizeAsync(WalrusClient client, CancellationToken cancellationToken)
    {
        var state = await client.Chain.GetSystemStateAsync(cancellationToken);
        var committee = await client.Chain.GetCommitteeAsync(state.Epoch, cancellationToken);
        var reports = await client.GetCommitteeHealthAsync(cancellationToken);
        IReadOnlyList<NodeHealthReport> leaving = [];
        if (state.Epoch.Value > 0)
        {
            // The chain keeps the previous committee until the next selection; an older one reads as empty.
            var previous = await client.Chain.GetCommitteeAsync(new Walrus.Core.Epoch(state.Epoch.Value - 1), cancellationToken);
            leaving = await Task.WhenAll(previous.Members.Where(p => committee.Members.All(m => m.NodeId != p.NodeId))
                .Select(p => client.GetNodeHealthAsync(p.NetworkAddress, cancellationToken)));
        }

        return (CommitteeHealthSummary.From(state, committee, reports, leaving), reports);
    }
}

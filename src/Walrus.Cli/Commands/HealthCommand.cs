using System.CommandLine;
using System.Globalization;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus health [--committee | --node-url URL...]</c>: each storage node's health endpoint (status, epoch, shards,
/// event progress, uptime). Exit code 0 when every node asked answered, 1 otherwise, so that it can watch a network.
/// </summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var committee = new Option<bool>("--committee") { Description = "Ask every node of the current committee (the default)." };
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
            if (urls.Length > 0)
            {
                using var http = new HttpClient();
                reports = await Task.WhenAll(urls.Select(u => WalrusClient.GetNodeHealthAsync(http, u, WalrusClient.DefaultHealthTimeout, token)));
            }
            else
            {
                using var client = await ClientOptions.ConnectAsync(result, needsWallet: false, token);
                reports = await client.GetCommitteeHealthAsync(token);
            }

            if (result.GetValue(ClientOptions.Json))
            {
                await CliOutput.WriteJsonAsync(w =>
                {
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
                });
            }
            else
            {
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
}

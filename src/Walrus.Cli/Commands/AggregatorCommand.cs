using System.CommandLine;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus aggregator --bind-address ADDR [--config] [--context]</c>: serves blobs over HTTP (no wallet needed).</summary>
internal static class AggregatorCommand
{
    public static Command Create() =>
        DaemonCommand.CreateGateway("aggregator", "Serve Walrus's aggregator HTTP API (GET /v1/blobs/...).", publisher: false, aggregator: true);
}

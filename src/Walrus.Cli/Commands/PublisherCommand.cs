using System.CommandLine;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus publisher --bind-address ADDR [--config] [--context] [--wallet]</c>: stores blobs PUT over HTTP, paying with the wallet.</summary>
internal static class PublisherCommand
{
    public static Command Create() =>
        DaemonCommand.CreateGateway("publisher", "Serve Walrus's publisher HTTP API (PUT /v1/blobs), paying with the wallet.", publisher: true, aggregator: false);
}

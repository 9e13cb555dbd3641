using System.CommandLine;

namespace Walrus.Cli.Commands;

internal static class BlobIdCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The file whose blob id to compute." };
        var command = new Command("blob-id", "Compute the blob id of a file without storing it.") { file };
        command.SetAction(result => 0);
        return command;
    }
}

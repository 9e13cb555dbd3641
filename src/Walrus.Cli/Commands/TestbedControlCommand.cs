using Walrus.Testbed;

namespace Walrus.Cli.Commands;

/// <summary>Sends a membership request to the running testbed of a folder and prints its progress (the commands add-node, remove-node and stake).</summary>
internal static class TestbedControlCommand
{
    internal static async Task<int> RunAsync(DirectoryInfo directory, TestbedRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var result = await TestbedControl.SendAsync(directory.FullName, request, async line =>
            {
                await output.WriteLineAsync("testbed: " + line);
                await output.FlushAsync(cancellationToken);
            }, cancellationToken);
            await output.WriteLineAsync("testbed: " + result);
            return 0;
        }
        catch (TestbedControlException e)
        {
            await error.WriteLineAsync("error: " + e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("error: " + e.Message);
            return 1;
        }
    }
}

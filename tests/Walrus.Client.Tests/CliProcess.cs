using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary>Runs the built <c>walrus</c> CLI as a process, with stdout and stderr apart.</summary>
internal static class CliProcess
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) => WalrusCli.RunAsync(arguments);
}

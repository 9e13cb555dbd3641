using System.CommandLine;

namespace Walrus.Cli.Tests;

/// <summary>Runs the walrus command in process with captured output, as a user's shell would see it.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parsed = Program.BuildRootCommand().Parse(args);
        var exitCode = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}

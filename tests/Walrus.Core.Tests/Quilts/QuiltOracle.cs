using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Walrus.TestKit;

namespace Walrus.Core.Tests.Quilts;

/// <summary>
/// Runs tools/oracle/quilt.mjs (Mysten's TypeScript SDK encodeQuilt, and the RS2 oracle for the blob id) on patches
/// written to a temporary folder. The SDK is installed in tools/node_modules; ES modules ignore NODE_PATH, so a small
/// resolve hook (written next to the inputs) falls back to it for bare package names.
/// </summary>
internal static class QuiltOracle
{
    public sealed record Input(string Identifier, IReadOnlyDictionary<string, string>? Tags, byte[] Data);

    public sealed record Patch(string Identifier, int StartIndex, int EndIndex, string QuiltPatchId);

    public sealed record Result(byte[] Quilt, string QuiltBlobId, IReadOnlyList<Patch> Patches);

    private const string Hook = """
        import { register } from 'node:module';
        register('data:text/javascript,' + encodeURIComponent(`
        import { pathToFileURL } from 'node:url';
        export async function resolve(specifier, context, next) {
          try { return await next(specifier, context); }
          catch (error) {
            if (!process.env.NODE_PATH || /^[./]|:/.test(specifier)) throw error;
            return next(specifier, { ...context, parentURL: pathToFileURL(process.env.NODE_PATH + '/').href });
          }
        }`));
        """;

    /// <summary>The reference quilt encoder in tools/oracle.</summary>
    public static string Script => RepositoryPaths.QuiltOracle;

    public static Result Run(int shards, IReadOnlyList<Input> inputs)
    {
        var dir = Directory.CreateTempSubdirectory("walrus-quilt-oracle-");
        try
        {
            var spec = Path.Combine(dir.FullName, "spec.json");
            using (var stream = File.Create(spec))
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartArray();
                for (var i = 0; i < inputs.Count; i++)
                {
                    var file = $"p{i}.bin";
                    File.WriteAllBytes(Path.Combine(dir.FullName, file), inputs[i].Data);
                    json.WriteStartObject();
                    json.WriteString("path", file);
                    json.WriteString("identifier", inputs[i].Identifier);
                    if (inputs[i].Tags is { } tags)
                    {
                        json.WriteStartObject("tags");
                        foreach (var (key, value) in tags)
                        {
                            json.WriteString(key, value);
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            var hook = Path.Combine(dir.FullName, "resolve-node-path.mjs");
            File.WriteAllText(hook, Hook);
            var output = Path.Combine(dir.FullName, "quilt.bin");
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "--import", new Uri(hook).AbsoluteUri, Script, "--shards", shards.ToString(CultureInfo.InvariantCulture), spec, output })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["NODE_PATH"] = RepositoryPaths.NodeModules;
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"quilt.mjs failed ({process.ExitCode}): {stderr.Result}");
            }

            using var doc = JsonDocument.Parse(stdout);
            var patches = new List<Patch>();
            foreach (var p in doc.RootElement.GetProperty("patches").EnumerateArray())
            {
                patches.Add(new Patch(
                    p.GetProperty("identifier").GetString()!,
                    p.GetProperty("startIndex").GetInt32(),
                    p.GetProperty("endIndex").GetInt32(),
                    p.GetProperty("quiltPatchId").GetString()!));
            }

            return new Result(File.ReadAllBytes(output), doc.RootElement.GetProperty("quiltBlobId").GetString()!, patches);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

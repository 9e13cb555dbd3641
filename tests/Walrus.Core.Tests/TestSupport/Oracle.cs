using System.Diagnostics;
using System.Text.Json;
using Walrus.TestKit;

namespace Walrus.Core.Tests.TestSupport;

/// <summary>Runs tools/oracle/oracle.js (Walrus mainnet's walrus-core compiled to WebAssembly) on a blob.</summary>
internal static class Oracle
{
    public sealed record Pair(string PrimaryHash, string SecondaryHash, int PrimaryIndex, int SecondaryIndex, int SymbolSize, byte[] Primary, byte[] Secondary);

    public sealed record Encoding(string BlobId, string RootHash, long UnencodedLength, IReadOnlyList<Pair> Pairs);

    /// <summary>The oracle's metadata and every sliver of <paramref name="blob"/> for <paramref name="shards"/> shards.</summary>
    public static Encoding Encode(int shards, byte[] blob)
    {
        var dir = Directory.CreateTempSubdirectory("walrus-oracle-");
        try
        {
            var file = Path.Combine(dir.FullName, "blob.bin");
            File.WriteAllBytes(file, blob);
            var outDir = Path.Combine(dir.FullName, "out");
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { RepositoryPaths.Oracle, "encode", "--shards", shards.ToString(System.Globalization.CultureInfo.InvariantCulture), file, outDir })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["NODE_PATH"] = RepositoryPaths.NodeModules;
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"oracle.js failed ({process.ExitCode}): {stderr.Result}");
            }

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metadata.json")));
            var root = json.RootElement;
            var pairs = new List<Pair>();
            foreach (var pair in root.GetProperty("sliverPairs").EnumerateArray())
            {
                var index = pair.GetProperty("index").GetInt32();
                pairs.Add(new Pair(
                    pair.GetProperty("primaryHash").GetString()!,
                    pair.GetProperty("secondaryHash").GetString()!,
                    pair.GetProperty("primary").GetProperty("sliverIndex").GetInt32(),
                    pair.GetProperty("secondary").GetProperty("sliverIndex").GetInt32(),
                    pair.GetProperty("primary").GetProperty("symbolSize").GetInt32(),
                    File.ReadAllBytes(Path.Combine(outDir, $"pair-{index}.primary.bin")),
                    File.ReadAllBytes(Path.Combine(outDir, $"pair-{index}.secondary.bin"))));
            }

            return new Encoding(
                root.GetProperty("blobId").GetString()!,
                root.GetProperty("rootHash").GetString()!,
                root.GetProperty("unencodedLength").GetInt64(),
                pairs);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

using System.Text.RegularExpressions;

namespace Walrus.Layout.Tests;

/// <summary>
/// The repository explains itself: no file points at documents outside it, and every relative link in its Markdown
/// leads to a file that exists. Someone with only a clone must be able to follow every reference.
/// </summary>
public partial class SelfContainedDocsTests
{
    // The design notes the project started from live outside the repository; the project's own docs replace them.
    private static readonly string[] OutsideDocuments =
        ["../" + "shared", "PROTOCOL" + ".md", "RS-ALGORITHM" + ".md", "TARGETS" + ".md", "ARCHITECTURE" + ".md", "STYLE" + ".md"];

    private static readonly string[] TextExtensions = [".cs", ".md", ".sol", ".sh", ".js", ".mjs", ".json", ".csproj", ".props", ".toml", ".yml"];

    [Fact]
    public void No_file_points_at_documents_outside_the_repository()
    {
        var offending = RepositoryFiles()
            .Where(f => TextExtensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .SelectMany(f => File.ReadLines(Path.Combine(RepositoryLayout.Root, f))
                .Select((line, i) => (line, i))
                .Where(l => OutsideDocuments.Any(d => l.line.Contains(d, StringComparison.Ordinal)))
                .Select(l => $"{f}:{l.i + 1}: {l.line.Trim()}"))
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void Every_relative_markdown_link_leads_to_an_existing_file()
    {
        var broken = new List<string>();
        foreach (var file in RepositoryFiles().Where(f => f.EndsWith(".md", StringComparison.Ordinal)))
        {
            var folder = Path.GetDirectoryName(Path.Combine(RepositoryLayout.Root, file))!;
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(Path.Combine(RepositoryLayout.Root, file))))
            {
                var target = link.Groups["target"].Value.Split('#')[0];
                if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var path = Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(target)));
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    broken.Add($"{file}: {link.Value}");
                }
            }
        }

        Assert.Empty(broken);
    }

    /// <summary>The repository's own files (relative paths), without build outputs, installed tools or vendored libraries.</summary>
    private static IEnumerable<string> RepositoryFiles()
    {
        string[] skipped = ["bin", "obj", "node_modules", "artifacts", "out", "cache", "lib", ".git", "BenchmarkDotNet.Artifacts"];
        var pending = new Stack<string>([RepositoryLayout.Root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                if (!skipped.Contains(Path.GetFileName(sub), StringComparer.Ordinal))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(dir))
            {
                yield return Path.GetRelativePath(RepositoryLayout.Root, file).Replace('\\', '/');
            }
        }
    }

    // [text](target) with a target that has no spaces; images too.
    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}

using System.Xml.Linq;

namespace Walrus.Layout.Tests;

/// <summary>Reads the repository's project files: where they are and what they reference.</summary>
public static class RepositoryLayout
{
    /// <summary>The repository root: the nearest folder above the test binaries holding Walrus.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Paths of every .csproj under a top-level folder (src, tests, bench), relative to the root.</summary>
    public static IReadOnlyList<string> ProjectFiles(string topFolder)
    {
        var folder = Path.Combine(Root, topFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The names of the projects that a project file references directly.</summary>
    public static IReadOnlyList<string> ProjectReferences(string relativeProjectPath)
    {
        var document = XDocument.Load(Path.Combine(Root, relativeProjectPath));
        return document.Descendants("ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? "")
            .Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/')))
            .ToList();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Walrus.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Walrus.slnx above {AppContext.BaseDirectory}");
    }
}

namespace Walrus.TestKit;

/// <summary>Locations in the repository, found from the test binaries upwards.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding Walrus.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The pinned Foundry binaries (tools/node_modules/.bin).</summary>
    public static string FoundryBin => Path.Combine(Root, "tools", "node_modules", ".bin");

    /// <summary>The Foundry project of the contracts.</summary>
    public static string Contracts => Path.Combine(Root, "contracts");

    /// <summary>
    /// The team's shared folder (vectors and the reference oracle): ../shared next to the repository, or next to an
    /// ancestor of it (a git worktree below the main checkout's parent).
    /// </summary>
    public static string Shared { get; } = FindShared();

    /// <summary>The shared test vectors.</summary>
    public static string Vectors => Path.Combine(Shared, "vectors");

    /// <summary>The reference oracle's entry script.</summary>
    public static string Oracle => Path.Combine(Shared, "oracle", "oracle.js");

    /// <summary>tools/node_modules, where @mysten/walrus-wasm is installed.</summary>
    public static string NodeModules => Path.Combine(Root, "tools", "node_modules");

    private static string FindShared()
    {
        for (var directory = new DirectoryInfo(Root).Parent; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "vectors")))
            {
                return candidate;
            }
        }

        return Path.GetFullPath(Path.Combine(Root, "..", "shared"));
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Walrus.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Walrus.slnx not found above " + AppContext.BaseDirectory);
    }
}

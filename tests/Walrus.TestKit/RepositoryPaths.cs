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

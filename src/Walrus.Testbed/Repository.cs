namespace Walrus.Testbed;

/// <summary>Locations in the repository the testbed needs: the pinned Foundry binaries and the contracts.</summary>
internal sealed class Repository(string root)
{
    public string Root { get; } = root;

    public string FoundryBin => Path.Combine(Root, "tools", "node_modules", ".bin");

    public string Anvil => Environment.GetEnvironmentVariable("WALRUS_ANVIL") ?? Path.Combine(FoundryBin, "anvil");

    public string Forge => Path.Combine(FoundryBin, "forge");

    public string Contracts => Path.Combine(Root, "contracts");

    /// <summary>The repository above any of <paramref name="starts"/> (the first that has one).</summary>
    public static Repository Find(string? explicitRoot, params string[] starts)
    {
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            return new Repository(Path.GetFullPath(explicitRoot));
        }

        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Walrus.slnx")))
                {
                    return new Repository(directory.FullName);
                }
            }
        }

        throw new InvalidOperationException("The Walrus.NET repository (Walrus.slnx) was not found above " + string.Join(" or ", starts) + "; the testbed needs its contracts/ and tools/.");
    }
}

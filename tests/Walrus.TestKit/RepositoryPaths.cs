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

    /// <summary>The test vectors: blob ids of Walrus mainnet for known inputs (tests/vectors).</summary>
    public static string Vectors => Path.Combine(Root, "tests", "vectors");

    /// <summary>The reference RS2 oracle (tools/oracle/oracle.js, Walrus's walrus-core compiled to WebAssembly).</summary>
    public static string Oracle => Path.Combine(Root, "tools", "oracle", "oracle.js");

    /// <summary>The reference quilt encoder (tools/oracle/quilt.mjs, Mysten's TypeScript SDK).</summary>
    public static string QuiltOracle => Path.Combine(Root, "tools", "oracle", "quilt.mjs");

    /// <summary>tools/node_modules, where @mysten/walrus-wasm is installed.</summary>
    public static string NodeModules => Path.Combine(Root, "tools", "node_modules");

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

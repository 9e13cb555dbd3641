namespace Walrus.Core.Tests.TestSupport;

/// <summary>Paths relative to the repository: its root is the first ancestor of the test binaries holding Walrus.slnx.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>../shared next to the repository (vectors and the reference oracle).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Vectors => Path.Combine(Shared, "vectors");

    public static string Oracle => Path.Combine(Shared, "oracle", "oracle.js");

    /// <summary>tools/node_modules, where @mysten/walrus-wasm is installed.</summary>
    public static string NodeModules => Path.Combine(Root, "tools", "node_modules");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Walrus.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Walrus.slnx not found above " + AppContext.BaseDirectory);
    }
}

using Walrus.BindingGen;

// dotnet run --project tools/Walrus.BindingGen [-- <forge out directory> <target directory>]
// Defaults: contracts/out and src/Walrus.Chain/Generated under the repository root (the folder holding Walrus.slnx).
var root = Directory.GetCurrentDirectory();
while (!File.Exists(Path.Combine(root, "Walrus.slnx")))
{
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run inside the repository (Walrus.slnx not found).");
}

var forgeOut = args.Length > 0 ? args[0] : Path.Combine(root, "contracts", "out");
var target = args.Length > 1 ? args[1] : Path.Combine(root, "src", "Walrus.Chain", "Generated");
var count = BindingGenerator.WriteAll(forgeOut, target);
Console.WriteLine($"Wrote {count} bindings to {target}.");

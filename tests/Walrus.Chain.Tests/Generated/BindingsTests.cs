using Walrus.BindingGen;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Generated;

public sealed class BindingsTests
{
    [Fact]
    public async Task Committed_bindings_match_the_contracts_abi()
    {
        await ContractsBuild.EnsureBuiltAsync();
        var generatedDirectory = Path.Combine(RepositoryPaths.Root, "src", "Walrus.Chain", "Generated");

        var expected = BindingGenerator.GenerateAll(ContractsBuild.OutDirectory);

        var committed = Directory.GetFiles(generatedDirectory, "*.g.cs").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Keys.ToList(), committed);
        foreach (var (name, contents) in expected)
        {
            var actual = await File.ReadAllTextAsync(Path.Combine(generatedDirectory, name));
            Assert.True(actual == contents,
                $"{name} is stale: run `(cd contracts && ../tools/node_modules/.bin/forge build) && dotnet run --project tools/Walrus.BindingGen` and commit the result.");
        }
    }
}

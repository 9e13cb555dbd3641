using System.Xml.Linq;

namespace Walrus.Layout.Tests;

public class DependencyRulesTests
{
    [Fact]
    public void Src_projects_reference_only_what_the_architecture_allows()
    {
        var graph = RepositoryLayout.ProjectFiles("src").ToDictionary(
            p => Path.GetFileNameWithoutExtension(p),
            p => RepositoryLayout.ProjectReferences(p));

        Assert.NotEmpty(graph);
        Assert.Empty(DependencyRules.Violations(graph));
    }

    [Theory]
    [InlineData("Walrus.Core", "Walrus.Chain")]
    [InlineData("Walrus.Chain", "Walrus.Client")]
    [InlineData("Walrus.Client", "Walrus.StorageNode")]
    [InlineData("Walrus.Gateway", "Walrus.Cli")]
    [InlineData("Walrus.Testbed", "Walrus.Cli")]
    public void A_reference_against_the_direction_is_a_violation(string from, string to)
    {
        var graph = new Dictionary<string, IReadOnlyList<string>> { [from] = [to] };

        var violation = Assert.Single(DependencyRules.Violations(graph));
        Assert.StartsWith($"{from} -> {to}: not allowed", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_src_project_missing_from_the_rules_is_a_violation()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>> { ["Walrus.Unplanned"] = [] };

        Assert.Contains("not in the dependency rules", Assert.Single(DependencyRules.Violations(graph)), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_project_in_the_repository_is_in_the_solution()
    {
        var solution = XDocument.Load(Path.Combine(RepositoryLayout.Root, "Walrus.slnx"));
        var listed = solution.Descendants("Project").Select(e => (string?)e.Attribute("Path")).ToHashSet(StringComparer.Ordinal);

        var missing = new[] { "src", "tests", "bench", "tools" }
            .SelectMany(RepositoryLayout.ProjectFiles)
            .Where(p => !listed.Contains(p))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Test_and_benchmark_projects_are_never_referenced_by_src()
    {
        var offending = RepositoryLayout.ProjectFiles("src")
            .SelectMany(p => RepositoryLayout.ProjectReferences(p).Select(r => $"{p} -> {r}"))
            .Where(edge => edge.EndsWith(".Tests", StringComparison.Ordinal) || edge.EndsWith("TestKit", StringComparison.Ordinal) || edge.EndsWith("Benchmarks", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offending);
    }
}

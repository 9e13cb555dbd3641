namespace Walrus.Layout.Tests;

/// <summary>
/// The one allowed direction of references between the src projects (docs/architecture.md):
/// Core &lt;- Chain &lt;- (StorageNode, Client) &lt;- Gateway &lt;- Testbed &lt;- Cli. Nothing depends on Cli; only Cli (`walrus testbed`)
/// depends on Testbed.
/// </summary>
public static class DependencyRules
{
    /// <summary>For every src project, the src projects it may reference directly.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Walrus.Core"] = [],
        ["Walrus.Chain"] = ["Walrus.Core"],
        ["Walrus.StorageNode"] = ["Walrus.Core", "Walrus.Chain"],
        ["Walrus.Client"] = ["Walrus.Core", "Walrus.Chain"],
        ["Walrus.Gateway"] = ["Walrus.Core", "Walrus.Chain", "Walrus.Client"],
        ["Walrus.Cli"] = ["Walrus.Core", "Walrus.Chain", "Walrus.Client", "Walrus.StorageNode", "Walrus.Gateway", "Walrus.Testbed"],
        ["Walrus.Testbed"] = ["Walrus.Core", "Walrus.Chain", "Walrus.Client", "Walrus.StorageNode", "Walrus.Gateway"],
    };

    /// <summary>Every reference that breaks the rules, as "From -> To: why" lines; empty when the graph is legal.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyDictionary<string, IReadOnlyList<string>> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var violations = new List<string>();
        foreach (var (from, targets) in references)
        {
            if (!Allowed.TryGetValue(from, out var allowed))
            {
                violations.Add($"{from}: not in the dependency rules; add it to DependencyRules.Allowed and docs/architecture.md");
                continue;
            }

            foreach (var to in targets)
            {
                if (!allowed.Contains(to))
                {
                    violations.Add($"{from} -> {to}: not allowed (allowed: {(allowed.Length == 0 ? "nothing" : string.Join(", ", allowed))})");
                }
            }
        }

        return violations;
    }
}

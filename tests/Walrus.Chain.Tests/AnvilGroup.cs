using Walrus.TestKit;

namespace Walrus.Chain.Tests;

/// <summary>Test classes marked [Collection(AnvilGroup.Name)] share one anvil process.</summary>
[CollectionDefinition(Name)]
public sealed class AnvilGroup : ICollectionFixture<AnvilFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "anvil";
}

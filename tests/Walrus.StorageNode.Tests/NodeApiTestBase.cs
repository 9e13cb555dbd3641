namespace Walrus.StorageNode.Tests;

/// <summary>Starts a fresh <see cref="TestNode"/> for each test and deletes it afterwards.</summary>
public abstract class NodeApiTestBase : IAsyncLifetime
{
    protected TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await TestNode.StartAsync();

    public Task DisposeAsync() => Node.DestroyAsync();
}

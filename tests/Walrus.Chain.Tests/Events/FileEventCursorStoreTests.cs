using Walrus.Chain.Events;
using Walrus.Chain.Rpc;

namespace Walrus.Chain.Tests.Events;

public sealed class FileEventCursorStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("walrus-cursor-file-").FullName;

    [Fact]
    public async Task A_saved_cursor_reads_back_and_replaces_the_file_atomically()
    {
        var path = Path.Combine(_directory, "nested", "cursor.json");
        var store = new FileEventCursorStore(path);
        var cursor = new EventCursor(42, 3, [new BlockRef(40, Hash256.Parse("0x" + new string('a', 64))), new BlockRef(41, Hash256.Parse("0x" + new string('b', 64)))]);

        Assert.Null(await store.LoadAsync(CancellationToken.None));
        await store.SaveAsync(EventCursor.StartAt(1), CancellationToken.None);
        await store.SaveAsync(cursor, CancellationToken.None);
        var loaded = await new FileEventCursorStore(path).LoadAsync(CancellationToken.None);

        Assert.Equal(cursor.NextBlock, loaded!.NextBlock);
        Assert.Equal(cursor.HandledThroughLogIndex, loaded.HandledThroughLogIndex);
        Assert.Equal(cursor.RecentBlocks, loaded.RecentBlocks);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public async Task Delivered_logs_survive_a_save_and_load_field_for_field()
    {
        var path = Path.Combine(_directory, "v2.json");
        var log = new LogEntry(Address.Parse("0x" + new string('1', 40)), [Hash256.Parse("0x" + new string('c', 64)), Hash256.Parse("0x" + new string('d', 64))],
            [1, 2, 3], 41, Hash256.Parse("0x" + new string('b', 64)), Hash256.Parse("0x" + new string('e', 64)), 4, 9, false);
        var cursor = new EventCursor(42, -1, [new BlockRef(41, log.BlockHash)], [log]);

        await new FileEventCursorStore(path).SaveAsync(cursor, CancellationToken.None);
        var loaded = await new FileEventCursorStore(path).LoadAsync(CancellationToken.None);

        var back = Assert.Single(loaded!.DeliveredLogs!);
        Assert.Equal(log.Data, back.Data);
        Assert.Equal(log with { Data = back.Data, Topics = back.Topics }, back);
        Assert.Equal(log.Topics, back.Topics);
        Assert.Contains("\"version\":2", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    // The file format is persisted by storage nodes; a cursor written by an earlier build must still read.
    [Fact]
    public async Task The_version_1_file_format_is_stable()
    {
        var path = Path.Combine(_directory, "v1.json");
        await File.WriteAllTextAsync(path,
            """{"version":1,"nextBlock":7,"handledThroughLogIndex":-1,"recentBlocks":[{"number":6,"hash":"0x0606060606060606060606060606060606060606060606060606060606060606"}]}""");

        var cursor = await new FileEventCursorStore(path).LoadAsync(CancellationToken.None);

        Assert.Equal(7UL, cursor!.NextBlock);
        Assert.Equal(-1, cursor.HandledThroughLogIndex);
        Assert.Equal(new BlockRef(6, new Hash256(Enumerable.Repeat((byte)6, 32).ToArray())), Assert.Single(cursor.RecentBlocks));
    }

    [Fact]
    public async Task An_unknown_version_is_rejected()
    {
        var path = Path.Combine(_directory, "v9.json");
        await File.WriteAllTextAsync(path, """{"version":9,"nextBlock":7,"handledThroughLogIndex":-1,"recentBlocks":[]}""");

        await Assert.ThrowsAsync<FormatException>(() => new FileEventCursorStore(path).LoadAsync(CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

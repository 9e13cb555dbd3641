using System.Text.Json;
using System.Text.Json.Serialization;

namespace Walrus.Chain.Events;

/// <summary>
/// A cursor in a JSON file, replaced atomically (write a temporary file, flush to disk, rename over the old one).
/// </summary>
public sealed class FileEventCursorStore : IEventCursorStore
{
    private readonly string _path;

    /// <summary>Stores the cursor at <paramref name="path"/>.</summary>
    public FileEventCursorStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    /// <inheritdoc/>
    public async Task<EventCursor?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        await using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var file = await JsonSerializer.DeserializeAsync(stream, CursorJsonContext.Default.CursorFile, cancellationToken)
            ?? throw new FormatException($"Cursor file '{_path}' is empty.");
        if (file.Version != 1)
        {
            throw new FormatException($"Cursor file '{_path}' has unknown version {file.Version}.");
        }

        var recent = file.RecentBlocks.Select(b => new BlockRef(b.Number, Hash256.Parse(b.Hash))).ToList();
        return new EventCursor(file.NextBlock, file.HandledThroughLogIndex, recent);
    }

    /// <inheritdoc/>
    public async Task SaveAsync(EventCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var file = new CursorFile(1, cursor.NextBlock, cursor.HandledThroughLogIndex,
            [.. cursor.RecentBlocks.Select(b => new CursorBlock(b.Number, b.Hash.ToString()))]);
        var directory = Path.GetDirectoryName(Path.GetFullPath(_path))!;
        Directory.CreateDirectory(directory);
        var temporary = _path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, file, CursorJsonContext.Default.CursorFile, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }
}

/// <summary>The JSON shape of a cursor file.</summary>
internal sealed record CursorFile(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("nextBlock")] ulong NextBlock,
    [property: JsonPropertyName("handledThroughLogIndex")] long HandledThroughLogIndex,
    [property: JsonPropertyName("recentBlocks")] IReadOnlyList<CursorBlock> RecentBlocks);

/// <summary>One remembered block in a cursor file.</summary>
internal sealed record CursorBlock(
    [property: JsonPropertyName("number")] ulong Number,
    [property: JsonPropertyName("hash")] string Hash);

[JsonSerializable(typeof(CursorFile))]
internal sealed partial class CursorJsonContext : JsonSerializerContext;

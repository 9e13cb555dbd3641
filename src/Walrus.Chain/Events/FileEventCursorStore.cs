using System.Text.Json;
using System.Text.Json.Serialization;
using Walrus.Chain.Rpc;

namespace Walrus.Chain.Events;

/// <summary>
/// A cursor in a JSON file, replaced atomically (write a temporary file, flush to disk, rename over the old one).
/// Version 2 adds the delivered logs of the remembered blocks; version 1 files are still read.
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
        if (file.Version is not (1 or 2))
        {
            throw new FormatException($"Cursor file '{_path}' has unknown version {file.Version}.");
        }

        var recent = file.RecentBlocks.Select(b => new BlockRef(b.Number, Hash256.Parse(b.Hash))).ToList();
        var delivered = file.DeliveredLogs?.Select(l => new LogEntry(
            Address.Parse(l.Address), [.. l.Topics.Select(Hash256.Parse)], Hex.Decode(l.Data), l.BlockNumber, Hash256.Parse(l.BlockHash),
            Hash256.Parse(l.TransactionHash), l.TransactionIndex, l.LogIndex, false)).ToList();
        return new EventCursor(file.NextBlock, file.HandledThroughLogIndex, recent, delivered);
    }

    /// <inheritdoc/>
    public async Task SaveAsync(EventCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var file = new CursorFile(2, cursor.NextBlock, cursor.HandledThroughLogIndex,
            [.. cursor.RecentBlocks.Select(b => new CursorBlock(b.Number, b.Hash.ToString()))],
            cursor.DeliveredLogs is null ? null : [.. cursor.DeliveredLogs.Select(l => new CursorLog(
                l.Address.ToString(), [.. l.Topics.Select(t => t.ToString())], Hex.Encode(l.Data), l.BlockNumber, l.BlockHash.ToString(),
                l.TransactionHash.ToString(), l.TransactionIndex, l.LogIndex))]);
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
    [property: JsonPropertyName("recentBlocks")] IReadOnlyList<CursorBlock> RecentBlocks,
    [property: JsonPropertyName("deliveredLogs")] IReadOnlyList<CursorLog>? DeliveredLogs = null);

/// <summary>One delivered log in a cursor file.</summary>
internal sealed record CursorLog(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("topics")] IReadOnlyList<string> Topics,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("blockNumber")] ulong BlockNumber,
    [property: JsonPropertyName("blockHash")] string BlockHash,
    [property: JsonPropertyName("transactionHash")] string TransactionHash,
    [property: JsonPropertyName("transactionIndex")] uint TransactionIndex,
    [property: JsonPropertyName("logIndex")] uint LogIndex);

/// <summary>One remembered block in a cursor file.</summary>
internal sealed record CursorBlock(
    [property: JsonPropertyName("number")] ulong Number,
    [property: JsonPropertyName("hash")] string Hash);

[JsonSerializable(typeof(CursorFile))]
internal sealed partial class CursorJsonContext : JsonSerializerContext;

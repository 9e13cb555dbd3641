using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;
using Walrus.Core.Encoding;

namespace Walrus.Core.Quilts;

/// <summary>
/// Collects patches (identifier, tags, data) and lays them out as a QuiltV1 exactly as Walrus does: sorted by the UTF-8
/// bytes of their identifiers, the symbol size from Walrus's search, the index in columns 0.., each patch in whole
/// columns after it. Data is referenced, not copied: memory, or a seekable stream read when the quilt is written.
/// </summary>
public sealed class QuiltBuilder
{
    private readonly List<Entry> _entries = [];
    private readonly HashSet<string> _identifiers = new(StringComparer.Ordinal);

    public QuiltBuilder(EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
    }

    /// <summary>The shard count's geometry.</summary>
    public EncodingConfig Config { get; }

    /// <summary>The patches added so far.</summary>
    public int Count => _entries.Count;

    /// <summary>Adds a patch whose data is in memory (not copied: keep it unchanged until the quilt is written).</summary>
    public bool TryAdd(string identifier, ReadOnlyMemory<byte> data, IEnumerable<KeyValuePair<string, string>>? tags, [NotNullWhen(false)] out QuiltError? error) =>
        TryAdd(identifier, new MemoryPatchSource(data), tags, out error);

    /// <summary>Adds a patch whose data is a readable, seekable stream, read from position 0 to its current length when the quilt is written.</summary>
    public bool TryAdd(string identifier, Stream data, IEnumerable<KeyValuePair<string, string>>? tags, [NotNullWhen(false)] out QuiltError? error)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.CanRead || !data.CanSeek)
        {
            error = QuiltError.Invalid($"The data of patch '{identifier}' must be a readable, seekable stream (a quilt reads each patch column by column).");
            return false;
        }

        return TryAdd(identifier, new StreamPatchSource(data), tags, out error);
    }

    /// <summary>Adds a patch whose data is in memory.</summary>
    /// <exception cref="QuiltException">The patch breaks a QuiltV1 rule; the message says which.</exception>
    public QuiltBuilder Add(string identifier, ReadOnlyMemory<byte> data, IEnumerable<KeyValuePair<string, string>>? tags = null) =>
        TryAdd(identifier, data, tags, out var error) ? this : throw new QuiltException(error);

    /// <summary>Adds a patch whose data is a readable, seekable stream.</summary>
    /// <exception cref="QuiltException">The patch breaks a QuiltV1 rule; the message says which.</exception>
    public QuiltBuilder Add(string identifier, Stream data, IEnumerable<KeyValuePair<string, string>>? tags = null) =>
        TryAdd(identifier, data, tags, out var error) ? this : throw new QuiltException(error);

    /// <summary>Lays the patches out; fails if there are none or the quilt needs symbols over 65534 bytes.</summary>
    public bool TryBuild([NotNullWhen(true)] out QuiltV1? quilt, [NotNullWhen(false)] out QuiltError? error)
    {
        quilt = null;
        if (_entries.Count == 0)
        {
            error = QuiltError.Invalid("A quilt needs at least one patch.");
            return false;
        }

        var entries = _entries.ToArray();
        Array.Sort(entries, static (a, b) => a.IdentifierUtf8.AsSpan().SequenceCompareTo(b.IdentifierUtf8));

        // The index's size does not depend on the columns (end indices are fixed-size u16s).
        var placeholder = new QuiltPatch[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            placeholder[i] = new QuiltPatch(entries[i].Identifier, entries[i].Tags, 0, 0);
        }

        var indexBcsSize = new QuiltIndexV1(placeholder).ToBcs().Length;
        var sizes = new long[entries.Length + 1];
        sizes[0] = QuiltLayout.IndexPrefixSize + (long)indexBcsSize;
        for (var i = 0; i < entries.Length; i++)
        {
            sizes[i + 1] = entries[i].Prefix.Length + entries[i].Data.Length;
        }

        if (!QuiltLayout.TryComputeSymbolSize(sizes, Config, out var symbolSize, out error))
        {
            return false;
        }

        long columnSize = (long)symbolSize * Config.PrimarySourceSymbols;
        var column = (int)QuiltLayout.ColumnsFor(sizes[0], columnSize);
        var patches = new QuiltPatch[entries.Length];
        var parts = new QuiltV1.Part[entries.Length + 1];
        for (var i = 0; i < entries.Length; i++)
        {
            var end = column + (int)QuiltLayout.ColumnsFor(sizes[i + 1], columnSize);
            patches[i] = new QuiltPatch(entries[i].Identifier, entries[i].Tags, (ushort)column, (ushort)end);
            parts[i + 1] = new QuiltV1.Part(entries[i].Prefix, entries[i].Data, column, end);
            column = end;
        }

        var index = new QuiltIndexV1(patches);
        var writer = new BcsWriter(indexBcsSize + QuiltLayout.IndexPrefixSize);
        writer.WriteU8(QuiltLayout.Version);
        writer.WriteU32((uint)indexBcsSize);
        index.WriteBcs(writer);
        parts[0] = new QuiltV1.Part(writer.ToArray(), null, 0, index.IndexColumns);
        quilt = new QuiltV1(Config, symbolSize, index, parts);
        error = null;
        return true;
    }

    /// <summary>Lays the patches out.</summary>
    /// <exception cref="QuiltException">There are no patches, or the quilt is too large.</exception>
    public QuiltV1 Build() => TryBuild(out var quilt, out var error) ? quilt : throw new QuiltException(error);

    private bool TryAdd(string identifier, QuiltPatchSource data, IEnumerable<KeyValuePair<string, string>>? tags, [NotNullWhen(false)] out QuiltError? error)
    {
        if (!QuiltIdentifier.TryValidate(identifier, out var why))
        {
            error = QuiltError.Invalid(why);
            return false;
        }

        if (_identifiers.Contains(identifier))
        {
            error = QuiltError.Invalid($"The identifier '{identifier}' is used by two patches; identifiers must be unique in a quilt.");
            return false;
        }

        var max = QuiltLayout.MaxPatches(Config);
        if (_entries.Count >= max)
        {
            error = QuiltError.Invalid($"A quilt holds at most {max} patches at {Config.ShardCount} shards (n_s - 1).");
            return false;
        }

        if (!QuiltTags.TryCreate(tags, out var quiltTags, out why))
        {
            error = QuiltError.Invalid($"Patch '{identifier}': {why}");
            return false;
        }

        var prefix = BuildPrefix(identifier, quiltTags, data.Length, out var length);
        if (length > QuiltLayout.MaxPatchLength)
        {
            error = QuiltError.Invalid(
                $"Patch '{identifier}' is {data.Length} bytes; with its identifier and tags it needs {length} bytes, and a QuiltV1 patch must stay within {QuiltLayout.MaxPatchLength} bytes (its length is a u32, under 4 GiB).");
            return false;
        }

        _identifiers.Add(identifier);
        _entries.Add(new Entry(identifier, System.Text.Encoding.UTF8.GetBytes(identifier), quiltTags, prefix, data));
        error = null;
        return true;
    }

    /// <summary>The header, identifier and tags that precede a patch's data (the header's length is truncated if too large; the caller refuses that).</summary>
    private static byte[] BuildPrefix(string identifier, QuiltTags tags, long dataLength, out long length)
    {
        var writer = new BcsWriter(64);
        var identifierUtf8 = System.Text.Encoding.UTF8.GetBytes(identifier);
        var identifierBcs = QuiltBcs.StringSize(identifierUtf8.Length);
        length = 2L + identifierBcs + (tags.Count > 0 ? 2L + tags.BcsSize : 0) + dataLength;
        writer.WriteU8(QuiltLayout.Version);
        writer.WriteU32((uint)Math.Min(length, uint.MaxValue));
        writer.WriteU8(tags.Count > 0 ? QuiltLayout.HasTagsFlag : (byte)0);
        writer.WriteU16((ushort)identifierBcs);
        writer.WriteBytes(identifierUtf8);
        if (tags.Count > 0)
        {
            writer.WriteU16((ushort)tags.BcsSize);
            tags.WriteBcs(writer);
        }

        return writer.ToArray();
    }

    private sealed record Entry(string Identifier, byte[] IdentifierUtf8, QuiltTags Tags, byte[] Prefix, QuiltPatchSource Data);
}

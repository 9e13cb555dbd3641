using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;

namespace Walrus.Core.Quilts;

/// <summary>
/// A patch's tags: a BCS <c>BTreeMap&lt;String, String&gt;</c>, enumerated in its canonical order (by the BCS bytes of the
/// keys, as Walrus writes it). Its BCS form must stay within 65535 bytes (the length before it is a u16).
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Walrus calls them tags.")]
public sealed class QuiltTags : IReadOnlyDictionary<string, string>
{
    private readonly Entry[] _entries;
    private readonly Dictionary<string, string> _lookup;

    private QuiltTags(Entry[] entries)
    {
        _entries = entries;
        _lookup = new Dictionary<string, string>(entries.Length, StringComparer.Ordinal);
        var size = QuiltBcs.UlebSize((uint)entries.Length);
        foreach (var entry in entries)
        {
            _lookup.Add(entry.Key, entry.Value);
            size += entry.KeyBcs.Length + QuiltBcs.StringSize(entry.ValueUtf8.Length);
        }

        BcsSize = size;
    }

    /// <summary>No tags.</summary>
    public static QuiltTags Empty { get; } = new([]);

    /// <summary>The size of the BCS form (1 for no tags).</summary>
    public int BcsSize { get; }

    public int Count => _entries.Length;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var entry in _entries)
            {
                yield return entry.Key;
            }
        }
    }

    public IEnumerable<string> Values
    {
        get
        {
            foreach (var entry in _entries)
            {
                yield return entry.Value;
            }
        }
    }

    public string this[string key] => _lookup[key];

    public bool ContainsKey(string key) => _lookup.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _lookup.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (var entry in _entries)
        {
            yield return new KeyValuePair<string, string>(entry.Key, entry.Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Tags from pairs; refused if a key repeats, a string is not valid Unicode, or the BCS form exceeds 65535 bytes.</summary>
    public static bool TryCreate(IEnumerable<KeyValuePair<string, string>>? tags, [NotNullWhen(true)] out QuiltTags? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (tags is null)
        {
            result = Empty;
            error = null;
            return true;
        }

        var list = new List<Entry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            if (key is null || value is null)
            {
                error = "A tag's key and value cannot be null.";
                return false;
            }

            if (!seen.Add(key))
            {
                error = $"The tag '{key}' is given twice.";
                return false;
            }

            if (!QuiltBcs.TryGetUtf8(key, out var keyUtf8) || !QuiltBcs.TryGetUtf8(value, out var valueUtf8))
            {
                error = $"The tag '{key}' is not valid Unicode (an unpaired surrogate).";
                return false;
            }

            var keyBcs = new byte[QuiltBcs.StringSize(keyUtf8.Length)];
            var writer = new BcsWriter(keyBcs.Length);
            writer.WriteBytes(keyUtf8);
            writer.WrittenSpan.CopyTo(keyBcs);
            list.Add(new Entry(key, value, keyBcs, valueUtf8));
        }

        var entries = list.ToArray();
        Array.Sort(entries, static (a, b) => a.KeyBcs.AsSpan().SequenceCompareTo(b.KeyBcs));
        result = new QuiltTags(entries);
        if (result.Count > 0 && result.BcsSize > QuiltLayout.MaxTagsBcsSize)
        {
            error = $"The tags take {result.BcsSize} bytes in BCS; at most {QuiltLayout.MaxTagsBcsSize} are allowed (under 64 KiB).";
            result = null;
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Tags from pairs.</summary>
    /// <exception cref="QuiltException">A key repeats, a string is not valid Unicode, or the tags exceed 65535 bytes in BCS.</exception>
    public static QuiltTags Create(IEnumerable<KeyValuePair<string, string>>? tags) =>
        TryCreate(tags, out var result, out var error) ? result : throw new QuiltException(QuiltError.Invalid(error));

    /// <summary>Writes the BCS map in canonical order.</summary>
    public void WriteBcs(BcsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLength(_entries.Length);
        foreach (var entry in _entries)
        {
            writer.WriteFixed(entry.KeyBcs);
            writer.WriteBytes(entry.ValueUtf8);
        }
    }

    /// <summary>Reads a BCS map; keys must be in strictly increasing canonical order (as Walrus's BCS decoder demands).</summary>
    public static bool TryReadBcs(ref BcsReader reader, [NotNullWhen(true)] out QuiltTags? tags)
    {
        tags = null;
        if (!reader.TryReadLength(ushort.MaxValue, 2, out var count))
        {
            return false;
        }

        var entries = new Entry[count];
        for (var i = 0; i < count; i++)
        {
            var start = reader.Position;
            if (!QuiltBcs.TryReadString(ref reader, ushort.MaxValue, out var key))
            {
                return false;
            }

            var keyLength = reader.Position - start;
            if (!QuiltBcs.TryReadString(ref reader, ushort.MaxValue, out var value))
            {
                return false;
            }

            var keyBcs = new byte[keyLength];
            var keyUtf8 = System.Text.Encoding.UTF8.GetBytes(key);
            var writer = new BcsWriter(keyLength);
            writer.WriteBytes(keyUtf8);
            writer.WrittenSpan.CopyTo(keyBcs);
            if (i > 0 && entries[i - 1].KeyBcs.AsSpan().SequenceCompareTo(keyBcs) >= 0)
            {
                return reader.Fail("tag keys are not in strictly increasing canonical order");
            }

            entries[i] = new Entry(key, value, keyBcs, System.Text.Encoding.UTF8.GetBytes(value));
        }

        tags = count == 0 ? Empty : new QuiltTags(entries);
        return true;
    }

    private readonly record struct Entry(string Key, string Value, byte[] KeyBcs, byte[] ValueUtf8);
}

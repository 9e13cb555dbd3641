using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;

namespace Walrus.Core.Quilts;

/// <summary>
/// The index of a QuiltV1: BCS <c>{ quilt_patches: Vec&lt;{ end_index: u16, identifier: String, tags: BTreeMap&lt;String,
/// String&gt; }&gt; }</c>, patches sorted by identifier. Start columns are not serialized: the first patch starts after
/// the index's columns, each next one at the previous one's end.
/// </summary>
public sealed class QuiltIndexV1
{
    private readonly QuiltPatch[] _patches;
    private Dictionary<string, QuiltPatch>? _byIdentifier;

    public QuiltIndexV1(IReadOnlyList<QuiltPatch> patches)
    {
        ArgumentNullException.ThrowIfNull(patches);
        _patches = [.. patches];
    }

    /// <summary>The patches in quilt order.</summary>
    public IReadOnlyList<QuiltPatch> Patches => _patches;

    /// <summary>The columns the index takes (0 .. this - 1): the first patch's start column.</summary>
    public int IndexColumns => _patches.Length == 0 ? 0 : _patches[0].StartColumn;

    /// <summary>The patch with this identifier, if any.</summary>
    public bool TryGetPatch(string identifier, [NotNullWhen(true)] out QuiltPatch? patch)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (_byIdentifier is null)
        {
            var map = new Dictionary<string, QuiltPatch>(_patches.Length, StringComparer.Ordinal);
            foreach (var p in _patches)
            {
                map.TryAdd(p.Identifier, p);
            }

            _byIdentifier = map;
        }

        return _byIdentifier.TryGetValue(identifier, out patch);
    }

    /// <summary>The patches whose tag <paramref name="key"/> equals <paramref name="value"/>.</summary>
    public IReadOnlyList<QuiltPatch> FindByTag(string key, string value)
    {
        var found = new List<QuiltPatch>();
        foreach (var patch in _patches)
        {
            if (patch.Tags.TryGetValue(key, out var v) && string.Equals(v, value, StringComparison.Ordinal))
            {
                found.Add(patch);
            }
        }

        return found;
    }

    /// <summary>The secondary sliver indices (columns) of the index itself: 0 .. <see cref="IndexColumns"/> - 1.</summary>
    public SliverIndex[] IndexSecondarySliverIndices() => new QuiltPatchInternalId(0, (ushort)IndexColumns).SecondarySliverIndices();

    /// <summary>Writes the BCS form.</summary>
    public void WriteBcs(BcsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLength(_patches.Length);
        foreach (var patch in _patches)
        {
            writer.WriteU16(patch.EndColumn);
            writer.WriteBytes(System.Text.Encoding.UTF8.GetBytes(patch.Identifier));
            patch.Tags.WriteBcs(writer);
        }
    }

    /// <summary>The BCS form.</summary>
    public byte[] ToBcs()
    {
        var writer = new BcsWriter();
        WriteBcs(writer);
        return writer.ToArray();
    }

    /// <summary>
    /// Reads the BCS form of an index whose first patch starts at column <paramref name="firstColumn"/> of a quilt with
    /// <paramref name="columnCount"/> columns (n_s). Every patch must take at least one column, within the quilt, and the
    /// identifiers be valid UTF-8 (as in Walrus, the identifier rules are checked when a patch is read, and a repeated
    /// identifier is tolerated: lookups find the first); nothing may follow the index.
    /// </summary>
    public static bool TryReadBcs(ReadOnlySpan<byte> bcs, int firstColumn, int columnCount, [NotNullWhen(true)] out QuiltIndexV1? index, [NotNullWhen(false)] out QuiltError? error)
    {
        index = null;
        var reader = new BcsReader(bcs);
        if (!reader.TryReadLength(Math.Max(columnCount - 1, 0), 4, out var count))
        {
            error = QuiltError.Corrupt("the index: " + reader.Error);
            return false;
        }

        var patches = new QuiltPatch[count];
        var start = firstColumn;
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadU16(out var end)
                || !QuiltBcs.TryReadString(ref reader, QuiltLayout.MaxIdentifierBytes, out var identifier)
                || !QuiltTags.TryReadBcs(ref reader, out var tags))
            {
                error = QuiltError.Corrupt($"the index's patch {i}: {reader.Error}");
                return false;
            }

            if (end <= start || end > columnCount)
            {
                error = QuiltError.Corrupt($"the index's patch {i} ends at column {end}, not within {start + 1}..{columnCount}.");
                return false;
            }

            patches[i] = new QuiltPatch(identifier, tags, (ushort)start, end);
            start = end;
        }

        if (!reader.TryFinish())
        {
            error = QuiltError.Corrupt("the index: " + reader.Error);
            return false;
        }

        index = new QuiltIndexV1(patches);
        error = null;
        return true;
    }

    /// <summary>The columns a reader fetches for the patches with these identifiers (and which identifiers are unknown).</summary>
    public SliverIndex[] SecondarySliverIndicesFor(IEnumerable<string> identifiers, out IReadOnlyList<string> notFound)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var columns = new SortedSet<SliverIndex>();
        var missing = new List<string>();
        foreach (var identifier in identifiers)
        {
            if (TryGetPatch(identifier, out var patch))
            {
                columns.UnionWith(patch.InternalId.SecondarySliverIndices());
            }
            else
            {
                missing.Add(identifier);
            }
        }

        notFound = missing;
        return [.. columns];
    }
}

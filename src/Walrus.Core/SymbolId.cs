using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Walrus.Core;

/// <summary>
/// A symbol of the expanded matrix: the intersection of primary sliver (row) <see cref="Primary"/> and secondary sliver
/// (column) <see cref="Secondary"/> (docs/protocol.md §8). Text form "primary-secondary", e.g. "999-32"; BCS (u16, u16).
/// </summary>
public readonly record struct SymbolId(SliverIndex Primary, SliverIndex Secondary)
{
    public override string ToString() => $"{Primary.Value}-{Secondary.Value}";

    public static bool TryParse([NotNullWhen(true)] string? text, out SymbolId id)
    {
        id = default;
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (dash <= 0
            || !ushort.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var primary)
            || !ushort.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var secondary))
        {
            return false;
        }

        id = new SymbolId(new SliverIndex(primary), new SliverIndex(secondary));
        return true;
    }
}

namespace Walrus.Core.Quilts;

/// <summary>An expected failure of a quilt operation: its kind, a message for people and, for reads, the columns to fetch.</summary>
public sealed class QuiltError
{
    internal QuiltError(QuiltErrorKind kind, string message, IReadOnlyList<SliverIndex>? missingColumns = null)
    {
        Kind = kind;
        Message = message;
        MissingColumns = missingColumns ?? [];
    }

    /// <summary>What went wrong.</summary>
    public QuiltErrorKind Kind { get; }

    /// <summary>A sentence saying what went wrong.</summary>
    public string Message { get; }

    /// <summary>For <see cref="QuiltErrorKind.MissingColumns"/>: the secondary sliver indices (columns) still needed.</summary>
    public IReadOnlyList<SliverIndex> MissingColumns { get; }

    public override string ToString() => $"{Kind}: {Message}";

    internal static QuiltError Invalid(string message) => new(QuiltErrorKind.InvalidInput, message);

    internal static QuiltError Corrupt(string message) => new(QuiltErrorKind.CorruptQuilt, "Corrupt quilt: " + message);
}

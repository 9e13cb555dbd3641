using Walrus.Core;
using Walrus.Core.Quilts;

namespace Walrus.Client;

/// <summary>Where one quilt read takes its columns from: the nodes' secondary slivers, or the whole quilt blob as a fallback.</summary>
internal interface IQuiltColumnSource
{
    /// <summary>Gets the columns not held yet; returns those that could not be had.</summary>
    Task<IReadOnlyList<SliverIndex>> EnsureAsync(IEnumerable<SliverIndex> columns, CancellationToken cancellationToken);

    /// <summary>The columns held so far, for <see cref="QuiltReader"/> (false with a null error when none are held).</summary>
    bool TryGetColumns(out QuiltColumns? columns, out QuiltError? error);

    /// <summary>Drops every column held, so that a read of many patches holds one batch's columns at a time.</summary>
    void Release();
}

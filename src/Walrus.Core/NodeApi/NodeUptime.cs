using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>A duration as Rust's serde writes it: whole seconds and the remaining nanoseconds.</summary>
public sealed record NodeUptime(
    [property: JsonPropertyName("secs")] ulong Secs,
    [property: JsonPropertyName("nanos")] uint Nanos)
{
    /// <summary>From a <see cref="TimeSpan"/>.</summary>
    public static NodeUptime From(TimeSpan span) =>
        new((ulong)Math.Max(0, span.Ticks / TimeSpan.TicksPerSecond), (uint)(Math.Max(0, span.Ticks % TimeSpan.TicksPerSecond) * 100));
}

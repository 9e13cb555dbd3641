using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Walrus.Gateway;

/// <summary>The gateway's Meter and ActivitySource ("Walrus.Gateway") and its instruments.</summary>
public sealed class GatewayTelemetry : IDisposable
{
    /// <summary>Name of the meter and the activity source.</summary>
    public const string Name = "Walrus.Gateway";

    public GatewayTelemetry()
    {
        Meter = new Meter(Name);
        Requests = Meter.CreateCounter<long>("walrus_gateway_requests", description: "HTTP requests answered, by route, method and status.");
        RequestDuration = Meter.CreateHistogram<double>("walrus_gateway_request_duration_seconds", "s", "Time to answer a request, by route.");
        BytesServed = Meter.CreateCounter<long>("walrus_gateway_bytes_served", "By", "Blob bytes sent to readers.");
        BytesStored = Meter.CreateCounter<long>("walrus_gateway_bytes_stored", "By", "Blob bytes received from publishers' clients.");
        CacheHits = Meter.CreateCounter<long>("walrus_gateway_cache_hits", description: "Blob reads answered from the read cache.");
        CacheMisses = Meter.CreateCounter<long>("walrus_gateway_cache_misses", description: "Blob reads that went to the storage nodes.");
        DiskCacheHits = Meter.CreateCounter<long>("walrus_gateway_disk_cache_hits", description: "Blob reads answered from the read cache's disk tier.");
        DiskCacheDamaged = Meter.CreateCounter<long>("walrus_gateway_disk_cache_damaged", description: "Disk cache entries found damaged (a chunk not matching its hash) and deleted.");
        FullDecodes = Meter.CreateCounter<long>("walrus_gateway_full_decodes", description: "Reads that decoded the whole blob because a systematic sliver was missing or a strict check was asked for.");
    }

    public Meter Meter { get; }

    public ActivitySource ActivitySource { get; } = new(Name);

    public Counter<long> Requests { get; }

    public Histogram<double> RequestDuration { get; }

    public Counter<long> BytesServed { get; }

    public Counter<long> BytesStored { get; }

    public Counter<long> CacheHits { get; }

    public Counter<long> CacheMisses { get; }

    public Counter<long> DiskCacheHits { get; }

    public Counter<long> DiskCacheDamaged { get; }

    public Counter<long> FullDecodes { get; }

    public void Dispose()
    {
        Meter.Dispose();
        ActivitySource.Dispose();
    }
}

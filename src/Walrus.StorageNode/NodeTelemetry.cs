using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Walrus.StorageNode;

/// <summary>The node's Meter and ActivitySource ("Walrus.StorageNode") and its instruments.</summary>
public sealed class NodeTelemetry : IDisposable
{
    /// <summary>Name of the meter and the activity source.</summary>
    public const string Name = "Walrus.StorageNode";

    public NodeTelemetry()
    {
        Meter = new Meter(Name);
        SliversStored = Meter.CreateCounter<long>("walrus_node_slivers_stored", description: "Slivers stored (verified, durable).");
        SliverBytesStored = Meter.CreateCounter<long>("walrus_node_sliver_bytes_stored", "By", "Bytes of slivers stored.");
        MetadataStored = Meter.CreateCounter<long>("walrus_node_metadata_stored", description: "Blob metadata stored.");
        SliversServed = Meter.CreateCounter<long>("walrus_node_slivers_served", description: "Slivers served to readers.");
        Confirmations = Meter.CreateCounter<long>("walrus_node_confirmations_signed", description: "Storage confirmations signed.");
        RequestsRejected = Meter.CreateCounter<long>("walrus_node_requests_rejected", description: "Requests answered with an error, by reason.");
        EventsProcessed = Meter.CreateCounter<long>("walrus_node_events_processed", description: "Chain events handled.");
        SliversRecovered = Meter.CreateCounter<long>("walrus_node_slivers_recovered", description: "Slivers rebuilt from other nodes' recovery symbols.");
        BlobsDropped = Meter.CreateCounter<long>("walrus_node_blobs_dropped", description: "Blobs whose data was removed (deleted, expired, invalid).");
    }

    public Meter Meter { get; }

    public ActivitySource ActivitySource { get; } = new(Name);

    public Counter<long> SliversStored { get; }

    public Counter<long> SliverBytesStored { get; }

    public Counter<long> MetadataStored { get; }

    public Counter<long> SliversServed { get; }

    public Counter<long> Confirmations { get; }

    public Counter<long> RequestsRejected { get; }

    public Counter<long> EventsProcessed { get; }

    public Counter<long> SliversRecovered { get; }

    public Counter<long> BlobsDropped { get; }

    public void Dispose()
    {
        Meter.Dispose();
        ActivitySource.Dispose();
    }
}

namespace Walrus.Gateway;

/// <summary>How a gateway runs: which APIs it serves, where, and its limits. Every option has a default.</summary>
public sealed record GatewayOptions
{
    /// <summary>Serve the publisher API (PUT /v1/blobs); needs a wallet. Default false.</summary>
    public bool Publisher { get; init; }

    /// <summary>Serve the aggregator API (GET /v1/blobs/...). Default true.</summary>
    public bool Aggregator { get; init; } = true;

    /// <summary>Address and port to listen on (Walrus's default 127.0.0.1:31415; port 0 picks a free one).</summary>
    public string BindAddress { get; init; } = "127.0.0.1:31415";

    /// <summary>Largest blob body a PUT accepts, in bytes (Walrus's default 10,240 KiB); larger ones answer 413.</summary>
    public long MaxBodyBytes { get; init; } = 10_240L * 1024;

    /// <summary>Stores running at once (Walrus's default 8).</summary>
    public int PublisherMaxConcurrent { get; init; } = 8;

    /// <summary>Stores waiting for a slot (Walrus's default 8); more answer 429.</summary>
    public int PublisherMaxQueued { get; init; } = 8;

    /// <summary>Reads running at once (Walrus's default 256).</summary>
    public int AggregatorMaxConcurrent { get; init; } = 256;

    /// <summary>Reads waiting for a slot (Walrus's default 320); more answer 429.</summary>
    public int AggregatorMaxQueued { get; init; } = 320;

    /// <summary>Most epochs a PUT may ask for. Default 53 (Walrus's max_epochs_ahead).</summary>
    public uint MaxEpochs { get; init; } = 53;

    /// <summary>Bytes of whole blobs the read cache holds in memory (0: no cache). Default 256 MiB.</summary>
    public long CacheBytes { get; init; } = 256L << 20;

    /// <summary>Largest blob the read cache keeps. Default 16 MiB.</summary>
    public long CacheMaxBlobBytes { get; init; } = 16L << 20;

    /// <summary>
    /// Folder of the read cache's disk tier: whole blobs kept across restarts, each checked chunk by chunk against the
    /// hashes written with it before it is served (null: no disk tier).
    /// </summary>
    public string? DiskCacheDirectory { get; init; }

    /// <summary>Bytes of whole blobs the disk tier holds. Default 10 GiB.</summary>
    public long DiskCacheBytes { get; init; } = 10L << 30;

    /// <summary>Largest blob the disk tier keeps. Default 1 GiB.</summary>
    public long DiskCacheMaxBlobBytes { get; init; } = 1L << 30;

    /// <summary>Blob attributes (lower case) that /v1/blobs/by-object-id turns into response headers.</summary>
    public IReadOnlyList<string> AllowedHeaders { get; init; } =
        ["content-type", "content-disposition", "content-encoding", "content-language", "content-location", "link"];

    /// <summary>Origins allowed by CORS ("*": any). Default any.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = ["*"];

    /// <summary>Folder for request bodies being stored (default: the system temp folder).</summary>
    public string? TempDirectory { get; init; }

    /// <summary>How long a blob id's on-chain availability is remembered by the aggregator. Default 5 s.</summary>
    public TimeSpan AvailabilityCacheTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>JWT bearer auth of the publisher (null: no auth).</summary>
    public PublisherAuthOptions? Auth { get; init; }

    /// <summary>Serve the upload relay (POST /v1/blob-upload-relay, GET /v1/tip-config) with these options (null: not served).</summary>
    public UploadRelay.UploadRelayOptions? UploadRelay { get; init; }
}

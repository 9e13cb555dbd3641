using System.ComponentModel;

namespace Walrus.StorageNode.Node;

/// <summary>
/// Options of a storage node; <c>walrus node generate-config</c> writes them with their defaults, and every option has a
/// one-line description (tests check both).
/// </summary>
public sealed class StorageNodeOptions
{
    [Description("Folder of the node's RocksDB database.")]
    public string DataDirectory { get; set; } = "walrus-node-data";

    [Description("Address the HTTP API listens on (an IP address).")]
    public string ListenAddress { get; set; } = "127.0.0.1";

    [Description("Port of the HTTP API (0 picks a free one).")]
    public int Port { get; set; } = 9185;

    [Description("Optional PKCS#12 certificate file for HTTPS; plain HTTP when empty.")]
    public string? TlsCertificateFile { get; set; }

    [Description("JSON-RPC endpoint of the EVM chain.")]
    public string RpcEndpoint { get; set; } = "http://127.0.0.1:8545";

    [Description("Deployment file of the contracts (deployments/<chainId>.json).")]
    public string DeploymentFile { get; set; } = "contracts/deployments/31337.json";

    [Description("Key file (0600) of the node's signing key, which signs confirmations.")]
    public string SigningKeyFile { get; set; } = "signing-key.json";

    [Description("Key file (0600) of the node owner's account, which registers the node and pays for its transactions.")]
    public string OwnerKeyFile { get; set; } = "owner-key.json";

    [Description("Public name of the node on chain.")]
    public string Name { get; set; } = "walrus-node";

    [Description("Address (host:port) other nodes and clients use to reach this node; registered on chain.")]
    public string PublicAddress { get; set; } = "127.0.0.1:9185";

    [Description("Blocks behind the chain head that events must be before the node acts on them.")]
    public ulong ConfirmationDepth { get; set; }

    [Description("Act only on events in finalized blocks where the chain reports them (on chains with slow finality this delays every write by minutes; anvil finalizes 64 blocks behind its head).")]
    public bool UseFinalizedTag { get; set; }

    [Description("How often to poll the chain for new events, in milliseconds.")]
    public int EventPollMillis { get; set; } = 500;

    [Description("Maximum bytes of pending uploads (?pending=true) held in memory.")]
    public long PendingUploadMaxBytes { get; set; } = 256L << 20;

    [Description("How long a pending upload waits for its registration before it is dropped, in seconds.")]
    public int PendingUploadSeconds { get; set; } = 60;

    [Description("Longest wait_millis a confirmation request may ask for.")]
    public int MaxConfirmationWaitMillis { get; set; } = 30_000;

    [Description("Concurrent recovery- and decoding-symbol requests served; more are answered 503.")]
    public int SymbolRequestConcurrency { get; set; } = 16;

    [Description("Blobs recovered concurrently by self-healing.")]
    public int RecoveryConcurrency { get; set; } = 4;

    [Description("First delay before retrying a failed recovery, in milliseconds (doubles up to 30 s).")]
    public int RecoveryRetryMillis { get; set; } = 500;

    [Description("Metadata entries kept parsed in memory.")]
    public int MetadataCacheEntries { get; set; } = 4096;

    [Description("Call votingEnd and initiateEpochChange when they are due (any node may; a jittered delay keeps most nodes from paying gas for the same call).")]
    public bool EpochCranks { get; set; } = true;

    [Description("Largest random delay before a due epoch transition is called, in milliseconds.")]
    public int EpochCrankJitterMillis { get; set; } = 3000;

    [Description("Slivers asked for per shard-sync request (and the most this node answers).")]
    public int ShardSyncMaxPageSlivers { get; set; } = 1000;

    [Description("Bytes of slivers at most in one shard-sync answer.")]
    public long ShardSyncMaxPageBytes { get; set; } = 64L << 20;

    [Description("Consecutive failed shard-sync requests after which a gained shard is rebuilt through recovery instead.")]
    public int ShardSyncMaxFailures { get; set; } = 5;

    [Description("Seconds a gained shard may keep failing to sync from its previous owner before it is rebuilt through recovery instead.")]
    public int ShardSyncSwitchToRecoverySeconds { get; set; } = 120;

    [Description("Gained shards synced from their previous owners at once.")]
    public int ShardSyncConcurrency { get; set; } = 2;

    [Description("Pause after each shard-sync page, in milliseconds (limits the load a migration puts on the previous owner; 0: none).")]
    public int ShardSyncPageDelayMillis { get; set; }
}

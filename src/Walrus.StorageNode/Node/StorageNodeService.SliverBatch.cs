using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Node;

public sealed partial class StorageNodeService
{
    /// <summary>Verified slivers of a batch are written in one synced write once they reach this many bytes (and at the end).</summary>
    private const long SliverBatchWriteBytes = 16L << 20;

    public ISliverBatchUpload BeginSliverBatch(BlobId blobId, bool pending)
    {
        var committee = RequireCommittee();
        var registered = RequireWritable(blobId, committee, pending);
        var metadata = UploadMetadata(blobId, registered)
            ?? throw new NodeException(NodeErrorReason.MetadataNotFound, "Store the blob's metadata before its slivers.");
        return new SliverBatchUpload(this, committee, blobId, metadata, registered);
    }

    /// <summary>A batch upload under way; used by one request, record after record.</summary>
    private sealed class SliverBatchUpload : ISliverBatchUpload
    {
        private readonly StorageNodeService _node;
        private readonly CommitteeView _committee;
        private readonly EncodingConfig _config;
        private readonly BlobId _blobId;
        private readonly BlobMetadata _metadata;
        private readonly bool _registered;
        private readonly HashSet<(ushort Pair, SliverType Type)> _seen = [];
        private readonly List<(ShardIndex Shard, SliverType Type, byte[] Sliver)> _toWrite = [];
        private long _toWriteBytes;
        private long _toWriteSymbolBytes;
        private int _stored;
        private int _alreadyStored;
        private int _buffered;

        public SliverBatchUpload(StorageNodeService node, CommitteeView committee, BlobId blobId, BlobMetadata metadata, bool registered)
        {
            _node = node;
            _committee = committee;
            _config = Config(committee);
            _blobId = blobId;
            _metadata = metadata;
            _registered = registered;
            MaxRecords = NodeApiLimits.MaxSliverBatchRecords(committee.OwnedShards.Count);
            var largest = Math.Max(SliverLimit(_config, metadata, SliverType.Primary), SliverLimit(_config, metadata, SliverType.Secondary));
            MaxBodyBytes = MaxRecords * (SliverBatchWire.HeaderLength + largest);
        }

        public int MaxRecords { get; }

        public long MaxBodyBytes { get; }

        public long BodyLimit(int pairIndex, SliverType type)
        {
            RequireOwned(_committee, _blobId, RequirePair(_committee, pairIndex));
            return SliverLimit(_config, _metadata, type);
        }

        public void Add(int pairIndex, SliverType type, byte[] body)
        {
            var (shard, sliver) = VerifySliverUpload(_committee, _config, _metadata, _blobId, pairIndex, type, body);
            if (!_seen.Add(((ushort)pairIndex, type)))
            {
                _alreadyStored++;
                return;
            }

            if (!_registered)
            {
                if (!_node._pending.TryAddSliver(_blobId, new SliverPairIndex((ushort)pairIndex), type, body))
                {
                    throw new NodeException(NodeErrorReason.BlobUnavailable, "The pending-upload buffer is full; retry after registering the blob.");
                }

                _buffered++;
                return;
            }

            if (_node._store.HasSliver(shard, _blobId, type))
            {
                _alreadyStored++;
                return;
            }

            _toWrite.Add((shard, type, body));
            _toWriteBytes += body.Length;
            _toWriteSymbolBytes += sliver.Symbols.Length;
            if (_toWriteBytes >= SliverBatchWriteBytes)
            {
                Write();
            }
        }

        public void StoreVerified()
        {
            Write();
            if (_buffered > 0 && _node.FlushIfRegisteredMeanwhile(_blobId, _committee) == StoreOutcome.Stored)
            {
                // The registration arrived while the batch was buffered: the buffer went to the store.
                _stored += _buffered;
                _buffered = 0;
            }
        }

        public SliverBatchOutcome Complete()
        {
            StoreVerified();
            return new SliverBatchOutcome(_stored, _alreadyStored, _buffered);
        }

        private void Write()
        {
            if (_toWrite.Count == 0)
            {
                return;
            }

            // One synced write for the group instead of one per sliver.
            _node._store.PutSlivers(_blobId, _toWrite);
            _node._telemetry.SliversStored.Add(_toWrite.Count);
            _node._telemetry.SliverBytesStored.Add(_toWriteSymbolBytes);
            _stored += _toWrite.Count;
            _toWrite.Clear();
            _toWriteBytes = 0;
            _toWriteSymbolBytes = 0;
        }
    }
}

using System.Collections.Concurrent;
using Walrus.Chain;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.Quilts;

namespace Walrus.Client;

public sealed partial class WalrusClient
{
    /// <summary>Columns of one batch of patches held at once by a many-patch read (64 MiB; tests set less to see batches).</summary>
    internal long QuiltBatchColumnBytes { get; init; } = 64L << 20;

    /// <summary>
    /// One quilt read: the verified metadata, then columns from the nodes (<see cref="QuiltColumnFetcher"/>); when some
    /// column cannot be had, every later column comes from the whole quilt blob read once into a temporary file
    /// (<see cref="QuiltBlobColumns"/>), so memory stays bounded by the columns in use, never the quilt.
    /// </summary>
    private sealed class QuiltReadSession : IDisposable
    {
        private readonly WalrusClient _client;
        private readonly ConcurrentDictionary<string, bool> _liars;
        private readonly ConcurrentDictionary<string, bool> _down;
        private readonly long _requestsBefore;
        private QuiltColumnFetcher _fetcher = null!;
        private QuiltBlobColumns? _whole;
        private QuiltPatchInternalId _failed;

        private QuiltReadSession(WalrusClient client, BlobId quiltId)
        {
            _client = client;
            QuiltId = quiltId;
            _liars = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            _down = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            _requestsBefore = client.NodeRequestCount;
        }

        public BlobId QuiltId { get; }

        public EncodingConfig Config { get; private set; } = null!;

        /// <summary>Bytes of one column of this quilt (S * n_p).</summary>
        public long ColumnBytes { get; private set; }

        private IQuiltColumnSource Source => _whole is null ? _fetcher : _whole;

        public static async Task<QuiltReadSession> OpenAsync(WalrusClient client, BlobId quiltId, CancellationToken cancellationToken)
        {
            if (await client.Chain.BlobRegistry.IsInvalidAsync(quiltId.ToHash256(), cancellationToken: cancellationToken))
            {
                throw new BlobInvalidException(quiltId, "it is marked invalid on chain");
            }

            var session = new QuiltReadSession(client, quiltId);
            var committee = await client.GetCommitteeAsync(cancellationToken);
            session.Config = WalrusClient.Config(committee);
            var metadata = await client.GetVerifiedMetadataAsync(quiltId, committee, session.Config, session._liars, session._down, cancellationToken);
            var symbols = session.Config.SourceSymbolsPerBlob;
            var length = (long)metadata.Metadata.UnencodedLength;
            if (length == 0 || length % symbols != 0)
            {
                throw new WalrusClientException($"blob {quiltId} is not a quilt: {length} bytes are not a whole matrix of {symbols} symbols.");
            }

            session.ColumnBytes = length / symbols * session.Config.PrimarySourceSymbols;
            session._fetcher = new QuiltColumnFetcher(client, committee, session.Config, metadata, session._liars, session._down);
            return session;
        }

        /// <summary>The quilt's index, from columns 0.. (a longer index names the further columns it needs).</summary>
        public async Task<QuiltIndexV1> ReadIndexAsync(CancellationToken cancellationToken)
        {
            var (index, error) = await ReadAsync<QuiltIndexV1>([new SliverIndex(0)], (QuiltColumns c, out QuiltIndexV1? i, out QuiltError? e) => QuiltReader.TryReadIndex(c, out i, out e), cancellationToken);
            return index ?? throw new WalrusClientException($"blob {QuiltId} is not a quilt: {error!.Message}");
        }

        /// <summary>A patch's header (identifier, tags, data length) from the columns it spans only, usually its first.</summary>
        public async Task<QuiltPatchHeader> ReadHeaderAsync(QuiltPatchInternalId target, CancellationToken cancellationToken)
        {
            CheckPatchId(target);
            var (header, error) = await ReadAsync<QuiltPatchHeader>([new SliverIndex(target.StartColumn)],
                (QuiltColumns c, out QuiltPatchHeader? h, out QuiltError? e) => QuiltReader.TryReadPatchHeader(c, target, out h, out e), cancellationToken);
            await CheckClaimsAsync(cancellationToken);
            return header ?? throw NotAPatch(target, error!);
        }

        /// <summary>
        /// Reads <paramref name="targets"/> in the order given, in batches whose columns fit <see cref="QuiltBatchColumnBytes"/>
        /// (a patch larger than that is a batch alone): each batch's columns are fetched together, once, then dropped.
        /// </summary>
        public async Task ReadPatchesAsync(IReadOnlyList<QuiltPatchInternalId> targets, Func<QuiltPatchRead, CancellationToken, ValueTask> onPatch, CancellationToken cancellationToken)
        {
            foreach (var target in targets)
            {
                CheckPatchId(target);
            }

            var start = 0;
            while (start < targets.Count)
            {
                var columns = new HashSet<int>();
                var end = start;
                while (end < targets.Count)
                {
                    var more = targets[end].SecondarySliverIndices().Select(c => (int)c.Value).Where(c => !columns.Contains(c)).ToList();
                    if (end > start && (columns.Count + more.Count) * ColumnBytes > _client.QuiltBatchColumnBytes)
                    {
                        break;
                    }

                    columns.UnionWith(more);
                    end++;
                }

                var batch = targets.Skip(start).Take(end - start).ToList();
                var (patches, error) = await ReadAsync<List<QuiltPatchRead>>(columns.Select(c => new SliverIndex((ushort)c)),
                    (QuiltColumns c, out List<QuiltPatchRead>? read, out QuiltError? e) => TryReadPatches(c, batch, out read, out e), cancellationToken);
                await CheckClaimsAsync(cancellationToken);
                if (patches is null)
                {
                    throw NotAPatch(_failed, error!);
                }

                Source.Release();
                foreach (var patch in patches)
                {
                    await onPatch(patch, cancellationToken);
                }

                start = end;
            }
        }

        public QuiltReadResult Result(IReadOnlyList<QuiltPatchRead> patches)
        {
            if (_whole is { } whole)
            {
                foreach (var liar in whole.Read.Liars)
                {
                    _liars.TryAdd(liar, true);
                }

                foreach (var node in whole.Read.Unreachable)
                {
                    _down.TryAdd(node, true);
                }
            }

            return new QuiltReadResult(patches, [.. _liars.Keys.Order(StringComparer.Ordinal)], [.. _down.Keys.Order(StringComparer.Ordinal)],
                _client.NodeRequestCount - _requestsBefore, _fetcher.Fetched, _fetcher.Recovered, _whole is not null);
        }

        public void Dispose() => _whole?.Dispose();

        /// <summary>
        /// Runs <paramref name="attempt"/> on the columns held, fetching the ones it names as missing, until it succeeds or
        /// fails for another reason (returned). A column the nodes cannot give switches the read to the whole blob.
        /// </summary>
        private async Task<(T? Value, QuiltError? Error)> ReadAsync<T>(IEnumerable<SliverIndex> first, QuiltAttempt<T> attempt, CancellationToken cancellationToken)
            where T : class
        {
            IReadOnlyList<SliverIndex> wanted = [.. first];
            while (true)
            {
                if ((await Source.EnsureAsync(wanted, cancellationToken)).Count > 0)
                {
                    if (_whole is not null)
                    {
                        throw new WalrusClientException($"blob {QuiltId}: the whole quilt lacks columns {string.Join(", ", wanted)} (a bug)");
                    }

                    _fetcher.Release();
                    _whole = await QuiltBlobColumns.ReadAsync(_client, QuiltId, Config, cancellationToken);
                    continue;
                }

                if (!Source.TryGetColumns(out var columns, out var error))
                {
                    throw new WalrusClientException($"blob {QuiltId} is not a quilt: {error?.Message ?? "no columns"}");
                }

                if (attempt(columns!, out var value, out error))
                {
                    return (value, null);
                }

                if (error!.Kind != QuiltErrorKind.MissingColumns)
                {
                    return (null, error);
                }

                wanted = error.MissingColumns;
            }
        }

        private async Task CheckClaimsAsync(CancellationToken cancellationToken)
        {
            if (_fetcher.InvalidClaimed && await _client.InvalidOnChainAsync(QuiltId, cancellationToken))
            {
                throw new BlobInvalidException(QuiltId, "it is marked invalid on chain");
            }
        }

        private bool TryReadPatches(QuiltColumns columns, List<QuiltPatchInternalId> batch, out List<QuiltPatchRead>? read, out QuiltError? error)
        {
            read = new List<QuiltPatchRead>(batch.Count);
            foreach (var target in batch)
            {
                if (!QuiltReader.TryReadPatch(columns, target, out var content, out error))
                {
                    read = null;
                    _failed = target;
                    return false;
                }

                read.Add(new QuiltPatchRead(new QuiltPatchId(QuiltId, target), content.Identifier, content.Tags, content.Data));
            }

            error = null;
            return true;
        }

        /// <summary>A patch id's columns must lie within the quilt's systematic columns, after the index's first column.</summary>
        private void CheckPatchId(QuiltPatchInternalId target)
        {
            if (target.StartColumn == 0 || target.EndColumn <= target.StartColumn || target.EndColumn > Config.SecondarySourceSymbols)
            {
                throw new QuiltPatchNotFoundException($"quilt patch {new QuiltPatchId(QuiltId, target)} names {target}, which no patch of a quilt occupies.");
            }
        }

        private QuiltPatchNotFoundException NotAPatch(QuiltPatchInternalId target, QuiltError error) =>
            new($"quilt patch {new QuiltPatchId(QuiltId, target)} ({target}) is not a patch of quilt {QuiltId}: {error.Message}");
    }

    /// <summary>One try of a quilt reader over the columns held.</summary>
    private delegate bool QuiltAttempt<T>(QuiltColumns columns, out T? value, out QuiltError? error)
        where T : class;
}

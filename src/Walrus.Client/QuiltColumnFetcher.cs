using System.Collections.Concurrent;
using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;
using Walrus.Core.Quilts;

namespace Walrus.Client;

/// <summary>
/// Fetches a quilt's columns (systematic secondary slivers) for one read: each from the node holding its sliver pair,
/// verified against the quilt's verified metadata; a column whose holder is down or lies is rebuilt from recovery
/// symbols of the other nodes (each symbol's proof checked, the result checked against the metadata). Columns are
/// fetched once and kept until <see cref="Release"/> (one batch of patches at a time).
/// </summary>
internal sealed class QuiltColumnFetcher(
    WalrusClient client, Committee committee, EncodingConfig config, BlobMetadataWithId metadata,
    ConcurrentDictionary<string, bool> liars, ConcurrentDictionary<string, bool> down) : IQuiltColumnSource
{
    private const int RequestsInFlight = 16;

    private readonly ConcurrentDictionary<int, SliverData> _columns = new();
    private int _fetched;
    private int _recovered;
    private bool _invalidClaimed;

    public BlobId BlobId => metadata.BlobId;

    /// <summary>Columns read directly from their holder.</summary>
    public int Fetched => Volatile.Read(ref _fetched);

    /// <summary>Whether some node answered that the quilt is invalid (to be checked against the chain).</summary>
    public bool InvalidClaimed => Volatile.Read(ref _invalidClaimed);

    /// <summary>Columns rebuilt from recovery symbols.</summary>
    public int Recovered => Volatile.Read(ref _recovered);

    /// <summary>Fetches the columns not held yet; returns those that could not be had.</summary>
    public async Task<IReadOnlyList<SliverIndex>> EnsureAsync(IEnumerable<SliverIndex> columns, CancellationToken cancellationToken)
    {
        var wanted = columns.Where(c => c.Value < config.SecondarySourceSymbols && !_columns.ContainsKey(c.Value)).Distinct().ToList();
        using var gate = new SemaphoreSlim(RequestsInFlight);
        var missing = new ConcurrentBag<SliverIndex>();
        await Task.WhenAll(wanted.Select(async column =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                if (!await FetchAsync(column, cancellationToken) && !await RecoverAsync(column, cancellationToken))
                {
                    missing.Add(column);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. missing.Order()];
    }

    /// <summary>The columns held so far, for <see cref="QuiltReader"/>.</summary>
    public bool TryGetColumns(out QuiltColumns? columns, out QuiltError? error)
    {
        if (_columns.IsEmpty)
        {
            columns = null;
            error = null;
            return false;
        }

        return QuiltColumns.TryFromSlivers(config, _columns.Values, out columns, out error);
    }

    /// <inheritdoc/>
    public void Release() => _columns.Clear();

    private async Task<bool> FetchAsync(SliverIndex column, CancellationToken cancellationToken)
    {
        var n = config.ShardCount;
        var pair = column.ToPairIndex(SliverType.Secondary, n);
        if (!committee.TryGetHolder(ShardMapping.ShardForPair(BlobId, pair, n), out var member)
            || down.ContainsKey(member.NetworkAddress) || liars.ContainsKey(member.NetworkAddress))
        {
            return false;
        }

        var maxSliver = config.SliverLength(SliverType.Secondary, (long)metadata.Metadata.UnencodedLength);
        SliverData? sliver;
        try
        {
            sliver = await client.Node(member.NetworkAddress).GetSliverAsync(BlobId, pair, SliverType.Secondary, maxSliver, cancellationToken);
        }
        catch (Exception e) when (IsNodeFailure(e, member.NetworkAddress, cancellationToken))
        {
            return false;
        }

        if (sliver is null)
        {
            return false;
        }

        if (sliver.Index != column || SliverVerifier.Verify(sliver, metadata.Metadata, config) != SliverVerificationResult.Valid)
        {
            liars.TryAdd(member.NetworkAddress, true);
            return false;
        }

        _columns[column.Value] = sliver;
        Interlocked.Increment(ref _fetched);
        return true;
    }

    /// <summary>Rebuilds a column from the symbols (i, column) the other nodes compute from their primary slivers.</summary>
    private async Task<bool> RecoverAsync(SliverIndex column, CancellationToken cancellationToken)
    {
        var n = config.ShardCount;
        var answers = await Task.WhenAll(committee.Members
            .Where(m => !down.ContainsKey(m.NetworkAddress) && !liars.ContainsKey(m.NetworkAddress))
            .Select(async m =>
            {
                try
                {
                    return (m.NetworkAddress, Symbols: await client.Node(m.NetworkAddress).GetRecoverySymbolsAsync(BlobId, column, SliverType.Secondary, n, cancellationToken));
                }
                catch (Exception e) when (IsNodeFailure(e, m.NetworkAddress, cancellationToken))
                {
                    return (m.NetworkAddress, Symbols: (IReadOnlyList<GeneralRecoverySymbol>)[]);
                }
            }));

        var symbols = new List<DecodingSymbol>();
        var seen = new HashSet<int>();
        foreach (var (address, list) in answers)
        {
            foreach (var symbol in list)
            {
                if (symbol.Verify(metadata.Metadata, config, column, SliverType.Secondary) != SymbolVerificationResult.Valid)
                {
                    // One symbol that does not verify against the metadata makes the whole answer suspect.
                    liars.TryAdd(address, true);
                    break;
                }

                var decoding = symbol.ToDecodingSymbol(SliverType.Secondary);
                if (seen.Add(decoding.Index))
                {
                    symbols.Add(decoding);
                }
            }
        }

        if (symbols.Count < config.SymbolsForRecovery(SliverType.Secondary)
            || !SliverRecovery.TryRecoverVerified(config, metadata.Metadata, SliverType.Secondary, column, symbols, out var sliver))
        {
            return false;
        }

        _columns[column.Value] = sliver;
        Interlocked.Increment(ref _recovered);
        return true;
    }

    private bool IsNodeFailure(Exception e, string address, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case NodeApiException api when api.Reason is NodeErrorReason.MalformedBody or NodeErrorReason.PayloadTooLarge:
                liars.TryAdd(address, true);
                return true;
            case NodeApiException api when WalrusClient.IsInvalidClaim(api):
                // Not trusted alone: a liar for this read; the reader asks the chain before answering (see InvalidClaimed).
                Volatile.Write(ref _invalidClaimed, true);
                liars.TryAdd(address, true);
                return true;
            case NodeApiException:
                return true;
            case HttpRequestException:
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                down.TryAdd(address, true);
                return true;
            default:
                return false;
        }
    }
}

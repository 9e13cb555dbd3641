using Walrus.Chain.Services;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>
/// Which committee serves a read while an epoch change runs: until EpochChangeDone the new committee may still be
/// receiving its shards, so blobs certified before the change are read from the previous committee (whose nodes keep
/// serving their handed-over shards until then); blobs certified in the new epoch, and every write, go to the new one.
/// </summary>
public sealed partial class WalrusClient
{
    private Committee? _previousCommittee;

    /// <summary>The committee to read <paramref name="blobId"/> from (see the type's remarks).</summary>
    public async Task<Committee> GetReadCommitteeAsync(BlobId blobId, CancellationToken cancellationToken = default)
    {
        var current = await GetCommitteeAsync(cancellationToken);
        var (epoch, state) = await Chain.GetEpochAsync(cancellationToken);
        if (state != EpochState.EpochChangeSync || epoch.Value <= 1 || current.Epoch != epoch)
        {
            return current;
        }

        var previous = _previousCommittee;
        if (previous is null || previous.Epoch.Value != epoch.Value - 1)
        {
            previous = await Chain.GetCommitteeAsync(new Epoch(epoch.Value - 1), cancellationToken);
            _previousCommittee = previous;
        }

        if (previous.Members.Count == 0)
        {
            return current;
        }

        // The chain keeps no certified epoch per blob id; the nodes' blob status does.
        foreach (var member in previous.Members.OrderByDescending(m => m.Weight).Take(3))
        {
            try
            {
                var status = await Node(member.NetworkAddress).GetBlobStatusAsync(blobId, cancellationToken);
                if (status?.InitialCertifiedEpoch is uint certified)
                {
                    return certified < epoch.Value ? previous : current;
                }
            }
            catch (Exception e) when (e is HttpRequestException or NodeApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Ask the next one.
            }
        }

        return current;
    }
}

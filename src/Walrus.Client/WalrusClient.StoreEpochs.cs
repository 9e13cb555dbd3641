using Walrus.Chain;
using Walrus.Chain.Services;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>How long a store lasts (epochs, end epoch or expiry time) and which owned reservation it can reuse.</summary>
public sealed partial class WalrusClient
{
    /// <summary>
    /// Epochs ahead of <paramref name="current"/> the store asks for: <see cref="StoreOptions.EndEpoch"/> minus the current
    /// epoch; for <see cref="StoreOptions.EarliestExpiryTime"/> the fewest epochs whose end (the current epoch ends at the
    /// contract's next epoch change, each further one an epoch duration later) is at or after that time; else
    /// <see cref="StoreOptions.Epochs"/>. At most the system's maximum epochs ahead.
    /// </summary>
    private async Task<uint> EpochsAheadAsync(StoreOptions options, Epoch current, CancellationToken cancellationToken)
    {
        if (options.EndEpoch is null && options.EarliestExpiryTime is null)
        {
            return options.Epochs;
        }

        var state = await Chain.GetSystemStateAsync(cancellationToken);
        uint epochs;
        if (options.EndEpoch is { } end)
        {
            if (end <= current.Value)
            {
                throw new ArgumentException($"The end epoch {end} is not after the current epoch {current.Value}.", nameof(options));
            }

            epochs = end - current.Value;
        }
        else
        {
            var expiry = options.EarliestExpiryTime!.Value.ToUnixTimeSeconds();
            var currentEnd = (long)state.EpochChangeAt;
            var duration = (long)Math.Max(1, state.EpochDuration);
            var beyond = Math.Max(0, expiry - currentEnd);
            epochs = (uint)Math.Min(uint.MaxValue, 1 + ((beyond + duration - 1) / duration));
        }

        if (epochs > state.MaxEpochsAhead)
        {
            throw new ArgumentException($"Storing until epoch {current.Value + (ulong)epochs} is {epochs} epochs ahead; the system allows at most {state.MaxEpochsAhead}.", nameof(options));
        }

        return epochs;
    }

    /// <summary>
    /// The owned storage reservation that fits a blob of <paramref name="encodedSize"/> from <paramref name="current"/> until
    /// at least <paramref name="wantedEnd"/>, wasting the least (smallest size, then earliest end), or null.
    /// </summary>
    private async Task<OwnedStorage?> FindFittingStorageAsync(Address owner, Epoch current, Epoch wantedEnd, long encodedSize, CancellationToken cancellationToken)
    {
        var owned = await Chain.GetOwnedStorageAsync(owner, cancellationToken);
        return owned
            .Where(s => s.StartEpoch.Value <= current.Value && s.EndEpoch.Value >= wantedEnd.Value && s.EncodedSize >= (ulong)encodedSize)
            .OrderBy(s => s.EncodedSize).ThenBy(s => s.EndEpoch.Value).ThenBy(s => s.TokenId)
            .FirstOrDefault();
    }
}

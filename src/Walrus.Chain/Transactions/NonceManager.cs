using System.Collections.Concurrent;
using Walrus.Chain.Rpc;

namespace Walrus.Chain.Transactions;

/// <summary>
/// Hands out nonces so that one account can send many transactions at once without collisions: a local
/// counter per account, seeded from eth_getTransactionCount(pending). A nonce that never reached the node
/// is released and handed out again before new ones (no gaps); <see cref="Resync"/> (after "nonce too low")
/// drops the local state so the next reservation reads the node again.
/// </summary>
public sealed class NonceManager
{
    private readonly EthClient _eth;
    private readonly ConcurrentDictionary<Address, AccountState> _accounts = new();

    /// <summary>Creates a manager reading seeds from <paramref name="eth"/>.</summary>
    public NonceManager(EthClient eth)
    {
        ArgumentNullException.ThrowIfNull(eth);
        _eth = eth;
    }

    /// <summary>Reserves the next nonce of <paramref name="account"/>.</summary>
    public async Task<ulong> ReserveAsync(Address account, CancellationToken cancellationToken)
    {
        var state = _accounts.GetOrAdd(account, static _ => new AccountState());
        while (true)
        {
            lock (state)
            {
                if (state.Next is { } next)
                {
                    if (state.Released.Count > 0)
                    {
                        var reused = state.Released.Min;
                        state.Released.Remove(reused);
                        return reused;
                    }

                    state.Next = next + 1;
                    return next;
                }
            }

            await state.SeedGate.WaitAsync(cancellationToken);
            try
            {
                bool needsSeed;
                lock (state)
                {
                    needsSeed = state.Next is null;
                }

                if (needsSeed)
                {
                    var pending = await _eth.GetTransactionCountAsync(account, BlockParameter.Pending, cancellationToken);
                    lock (state)
                    {
                        if (state.Next is null)
                        {
                            state.Next = pending;
                            state.Released.Clear();
                        }
                    }
                }
            }
            finally
            {
                state.SeedGate.Release();
            }
        }
    }

    /// <summary>Gives back a nonce whose transaction never reached the node, so that it is reused first.</summary>
    public void Release(Address account, ulong nonce)
    {
        if (!_accounts.TryGetValue(account, out var state))
        {
            return;
        }

        lock (state)
        {
            if (state.Next is not { } next || nonce >= next)
            {
                return;
            }

            if (nonce == next - 1)
            {
                state.Next = nonce;
                while (state.Next is { } n && n > 0 && state.Released.Remove(n - 1))
                {
                    state.Next = n - 1;
                }
            }
            else
            {
                state.Released.Add(nonce);
            }
        }
    }

    /// <summary>Forgets the local counter of <paramref name="account"/>; the next reservation reads the node.</summary>
    public void Resync(Address account)
    {
        if (_accounts.TryGetValue(account, out var state))
        {
            lock (state)
            {
                state.Next = null;
                state.Released.Clear();
            }
        }
    }

    private sealed class AccountState
    {
        public SemaphoreSlim SeedGate { get; } = new(1, 1);

        public ulong? Next { get; set; }

        public SortedSet<ulong> Released { get; } = [];
    }
}

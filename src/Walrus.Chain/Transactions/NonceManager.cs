using System.Collections.Concurrent;
using Walrus.Chain.Rpc;

namespace Walrus.Chain.Transactions;

/// <summary>
/// Hands out nonces so that one account can send many transactions at once without collisions: a local
/// counter per account, seeded from eth_getTransactionCount(pending). A nonce whose transaction the node
/// refused outright is released and handed out again before new ones (no gaps). A nonce whose transaction may
/// be in the pool is never handed out again: <see cref="Resync"/> (after another sender took a nonce) re-reads
/// the node but never moves the counter backwards.
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
                            // Nonces this manager handed out may still be travelling to the pool: never go below them.
                            state.Next = Math.Max(pending, state.Floor);
                            state.Released.RemoveWhere(n => n < pending);
                            if (state.Next > pending)
                            {
                                // Released nonces below the floor stay reusable; the ones at the top merge back.
                                while (state.Next is { } n && n > pending && state.Released.Remove(n - 1))
                                {
                                    state.Next = n - 1;
                                }
                            }
                            else
                            {
                                state.Released.Clear();
                            }
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
            if (state.Next is not { } next)
            {
                // Waiting for a re-read of the node: remember it; the seed keeps it if the node has not used it.
                if (nonce < state.Floor)
                {
                    state.Released.Add(nonce);
                }

                return;
            }

            if (nonce >= next)
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

    /// <summary>
    /// Makes the next reservation of <paramref name="account"/> read the node again (another sender used nonces):
    /// the counter moves up to the node's pending count, never below a nonce this manager already handed out.
    /// </summary>
    public void Resync(Address account)
    {
        if (_accounts.TryGetValue(account, out var state))
        {
            lock (state)
            {
                if (state.Next is { } next)
                {
                    state.Floor = Math.Max(state.Floor, next);
                }

                state.Next = null;
            }
        }
    }

    private sealed class AccountState
    {
        public SemaphoreSlim SeedGate { get; } = new(1, 1);

        public ulong? Next { get; set; }

        /// <summary>The counter before the last resync: nonces below it may be in the pool.</summary>
        public ulong Floor { get; set; }

        public SortedSet<ulong> Released { get; } = [];
    }
}

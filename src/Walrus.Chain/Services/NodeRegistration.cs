namespace Walrus.Chain.Services;

/// <summary>A storage node's registration: public name and address, commission (basis points) and its votes.</summary>
public sealed record NodeRegistration(
    string Name,
    string NetworkAddress,
    ushort CommissionBps,
    ulong StoragePriceVote,
    ulong WritePriceVote,
    ulong CapacityVote);

using Walrus.Chain.Services;

namespace Walrus.Client;

/// <summary>The system as <c>walrus info</c> shows it: the contract state (epoch, shards, prices, capacity) and the current committee.</summary>
public sealed record SystemInfo(SystemState State, Committee Committee);

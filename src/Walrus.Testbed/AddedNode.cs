namespace Walrus.Testbed;

/// <summary>A node that joined a running network, and the epoch from which its stake counts (its first committee at the earliest).</summary>
public sealed record AddedNode(TestbedNode Node, uint ActivationEpoch);

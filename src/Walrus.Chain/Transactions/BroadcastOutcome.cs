namespace Walrus.Chain.Transactions;

/// <summary>What became of one signed transaction handed to the node.</summary>
internal enum BroadcastOutcome
{
    /// <summary>The node holds it (accepted now, "already known", or found by its hash after an ambiguous send).</summary>
    Accepted,

    /// <summary>Another transaction holds its nonce (mined or pooled) and the node does not know ours.</summary>
    NonceTaken,

    /// <summary>The node refused it for another reason; it is not in the pool.</summary>
    Rejected,

    /// <summary>Neither the send nor any look-up got an answer: it may or may not be in the pool.</summary>
    Unknown,
}

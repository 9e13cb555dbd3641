namespace Walrus.Chain.Transactions;

/// <summary>
/// A signed transaction was broadcast, but whether the node took it could not be learned (the send and every
/// look-up of its hash failed). It may still land: its nonce is not handed out again, and the sender rebroadcasts
/// the identical bytes before the account's next send. Wait for <see cref="Transaction"/>'s hash rather than
/// sending the same operation again.
/// </summary>
public sealed class TransactionOutcomeUnknownException : Exception
{
    /// <summary>Creates the exception for <paramref name="transaction"/>.</summary>
    public TransactionOutcomeUnknownException(SignedTransaction transaction, Exception innerException)
        : base($"Transaction {transaction?.Hash} (nonce {transaction?.Transaction.Nonce}) may or may not have reached the node: {innerException?.Message}", innerException)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Transaction = transaction;
    }

    /// <summary>Required by the analyzers; prefer the detailed constructor.</summary>
    public TransactionOutcomeUnknownException()
    {
    }

    /// <summary>Required by the analyzers; prefer the detailed constructor.</summary>
    public TransactionOutcomeUnknownException(string message)
        : base(message)
    {
    }

    /// <summary>Required by the analyzers; prefer the detailed constructor.</summary>
    public TransactionOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The transaction whose outcome is unknown (null only from the parameterless constructors).</summary>
    public SignedTransaction? Transaction { get; }
}

using Walrus.Chain.Crypto;

namespace Walrus.Chain.Transactions;

/// <summary>A signed transaction: its fields, signature, raw bytes for eth_sendRawTransaction, and hash.</summary>
public sealed record SignedTransaction(Eip1559Transaction Transaction, Signature Signature, byte[] Raw, Hash256 Hash)
{
    /// <summary>Recovers the sender from the signature.</summary>
    public Address RecoverSender()
    {
        Span<byte> hash = stackalloc byte[32];
        Transaction.SigningHash().CopyTo(hash);
        if (!Secp256k1.TryRecoverAddress(hash, Signature, out var sender))
        {
            ThrowHelper.ThrowFormat("The transaction signature does not recover to a public key.");
        }

        return sender;
    }
}

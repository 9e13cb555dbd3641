using System.Numerics;
using Walrus.Chain.Crypto;

namespace Walrus.Chain.Transactions;

/// <summary>
/// An EIP-1559 (type 2) transaction. The signing hash is keccak256(0x02 || rlp([chainId, nonce,
/// maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, accessList])); the signed form appends
/// yParity, r and s. Access lists are always empty here.
/// </summary>
public sealed record Eip1559Transaction
{
    /// <summary>The EIP-2718 type byte.</summary>
    public const byte TypeByte = 0x02;

    /// <summary>Chain id (EIP-155 replay protection).</summary>
    public required ulong ChainId { get; init; }

    /// <summary>Sender nonce.</summary>
    public required ulong Nonce { get; init; }

    /// <summary>Tip per gas for the block producer, in wei.</summary>
    public required BigInteger MaxPriorityFeePerGas { get; init; }

    /// <summary>Ceiling on base fee + tip per gas, in wei.</summary>
    public required BigInteger MaxFeePerGas { get; init; }

    /// <summary>Gas limit.</summary>
    public required ulong GasLimit { get; init; }

    /// <summary>Recipient; null deploys a contract.</summary>
    public Address? To { get; init; }

    /// <summary>Value in wei.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Calldata (or init code).</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The hash that the sender signs.</summary>
    public Hash256 SigningHash()
    {
        var payload = Rlp.EncodeList(Fields());
        return HashTyped(payload);
    }

    /// <summary>Signs the transaction.</summary>
    public SignedTransaction Sign(PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.SignHash(SigningHash());
        return WithSignature(signature);
    }

    /// <summary>Attaches a signature made elsewhere.</summary>
    public SignedTransaction WithSignature(Signature signature)
    {
        var fields = Fields();
        var all = new byte[fields.Length + 3][];
        fields.CopyTo(all, 0);
        all[^3] = Rlp.EncodeUInt((ulong)signature.RecoveryId);
        all[^2] = Rlp.EncodeUInt(ToBig(signature.R));
        all[^1] = Rlp.EncodeUInt(ToBig(signature.S));
        var payload = Rlp.EncodeList(all);
        var raw = new byte[payload.Length + 1];
        raw[0] = TypeByte;
        payload.CopyTo(raw, 1);
        return new SignedTransaction(this, signature, raw, Keccak256.Hash(raw));
    }

    /// <summary>Decodes a signed type-2 transaction (0x02 || rlp(...)).</summary>
    public static SignedTransaction DecodeSigned(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty || raw[0] != TypeByte)
        {
            return ThrowHelper.ThrowFormat<SignedTransaction>("Not an EIP-1559 transaction.");
        }

        var items = Rlp.Decode(raw[1..]).Items;
        if (items.Count != 12 || !items[8].IsList || items[8].Items.Count != 0)
        {
            return ThrowHelper.ThrowFormat<SignedTransaction>("Expected 12 fields and an empty access list.");
        }

        var to = items[5].Bytes;
        var tx = new Eip1559Transaction
        {
            ChainId = (ulong)items[0].AsUInt(),
            Nonce = (ulong)items[1].AsUInt(),
            MaxPriorityFeePerGas = items[2].AsUInt(),
            MaxFeePerGas = items[3].AsUInt(),
            GasLimit = (ulong)items[4].AsUInt(),
            To = to.Length == 0 ? null : new Address(to),
            Value = items[6].AsUInt(),
            Data = items[7].Bytes.ToArray(),
        };
        var recoveryId = (byte)items[9].AsUInt();
        var signature = new Signature(ToHash(items[10].AsUInt()), ToHash(items[11].AsUInt()), recoveryId);
        return new SignedTransaction(tx, signature, raw.ToArray(), Keccak256.Hash(raw));
    }

    private byte[][] Fields() =>
    [
        Rlp.EncodeUInt(ChainId),
        Rlp.EncodeUInt(Nonce),
        Rlp.EncodeUInt(MaxPriorityFeePerGas),
        Rlp.EncodeUInt(MaxFeePerGas),
        Rlp.EncodeUInt(GasLimit),
        To is { } to ? Rlp.EncodeBytes(to.ToArray()) : Rlp.EncodeBytes([]),
        Rlp.EncodeUInt(Value),
        Rlp.EncodeBytes(Data.Span),
        Rlp.EncodeList(),
    ];

    private static Hash256 HashTyped(byte[] payload)
    {
        ReadOnlySpan<byte> type = [TypeByte];
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(type, payload, hash);
        return new Hash256(hash);
    }

    private static BigInteger ToBig(Hash256 value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.CopyTo(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    private static Hash256 ToHash(BigInteger value)
    {
        Span<byte> bytes = stackalloc byte[32];
        var length = value.GetByteCount(isUnsigned: true);
        if (length > 32)
        {
            ThrowHelper.ThrowFormat("Signature component longer than 32 bytes.");
        }

        value.TryWriteBytes(bytes[(32 - length)..], out _, isUnsigned: true, isBigEndian: true);
        return new Hash256(bytes);
    }
}

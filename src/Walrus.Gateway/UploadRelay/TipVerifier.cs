using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using Walrus.Chain;
using Walrus.Chain.Generated;
using Walrus.Chain.Rpc;
using Walrus.Client;
using Walrus.Client.UploadRelay;

namespace Walrus.Gateway.UploadRelay;

/// <summary>
/// Checks a tip on the chain: the transaction <c>tx_id</c> is a successful call of WAL's <c>transfer(relay, amount)</c>
/// with the 72-byte <see cref="RelayTipPayload"/> after its arguments, its receipt holds the matching Transfer log from
/// the sender to the relay, its block is at most <see cref="UploadRelayOptions.TipMaxAge"/> old; then, once the body is
/// in, that the payload names this body's SHA-256, the request's nonce and the body's length, and that the amount covers
/// the tip for this size. Every failure is the client's: a 4xx with the reason.
/// </summary>
internal sealed class TipVerifier(WalrusClient client, RelayTipConfig config, TimeSpan maxAge, TimeProvider time)
{
    private const int CallLength = 4 + 32 + 32;

    /// <summary>The transaction's part of the check (before the body is read).</summary>
    public async Task<TipCheck> CheckTransactionAsync(Hash256 txId, CancellationToken cancellationToken)
    {
        var eth = client.Chain.Client.Eth;
        var text = txId.ToString();
        var transaction = await eth.Rpc.CallAsync("eth_getTransactionByHash", w => w.WriteStringValue(text), cancellationToken);
        if (transaction.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"no transaction {text} on chain");
        }

        if (!TryAddress(transaction, "to", out var to) || to != client.Chain.Wal.Address)
        {
            throw Invalid($"transaction {text} is not a call of the WAL token {client.Chain.Wal.Address}");
        }

        if (!TryAddress(transaction, "from", out var payer) || !transaction.TryGetProperty("input", out var inputJson) || inputJson.ValueKind != JsonValueKind.String)
        {
            throw Invalid($"transaction {text} has no sender or input");
        }

        var input = Hex.Decode(inputJson.GetString()!);
        if (input.Length != CallLength + RelayTipPayload.Length || !input.AsSpan(0, 4).SequenceEqual(WALContract.Functions.Transfer.Selector))
        {
            throw Invalid($"transaction {text} is not transfer(relay, tip) followed by the {RelayTipPayload.Length}-byte upload proof");
        }

        var recipient = new Address(input.AsSpan(4 + 12, Address.Length));
        if (recipient != config.Address)
        {
            throw Invalid($"transaction {text} pays {recipient}, not this relay's {config.Address}");
        }

        var amount = new BigInteger(input.AsSpan(4 + 32, 32), isUnsigned: true, isBigEndian: true);
        var receipt = await eth.GetTransactionReceiptAsync(txId, cancellationToken) ?? throw Invalid($"transaction {text} is not mined yet");
        if (!receipt.Succeeded || !HasTransferLog(receipt, payer, amount))
        {
            throw Invalid($"transaction {text} did not transfer {amount} FROST to this relay");
        }

        var block = await eth.GetBlockHeaderAsync(BlockParameter.Number(receipt.BlockNumber), cancellationToken) ?? throw Invalid($"the block of transaction {text} is not found");
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(block.Timestamp, long.MaxValue / 2));
        if (age > maxAge)
        {
            throw Invalid($"transaction {text} is {age.TotalMinutes:F0} minutes old; this relay takes tips up to {maxAge.TotalMinutes:F0} minutes old");
        }

        return new TipCheck(txId, payer, amount, input[CallLength..]);
    }

    /// <summary>The body's part of the check: the proof names this body and nonce, and the amount covers the tip for its size.</summary>
    public void CheckPayload(TipCheck tip, ReadOnlySpan<byte> bodySha256, ReadOnlySpan<byte> nonce, long bodyLength, long encodedLength)
    {
        Span<byte> expected = stackalloc byte[RelayTipPayload.Length];
        RelayTipPayload.Write(bodySha256, nonce, (ulong)bodyLength, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, tip.Payload))
        {
            throw Invalid($"transaction {tip.TxId}'s upload proof does not match this body ({bodyLength} bytes) and nonce");
        }

        var required = config.Kind.TipFor(encodedLength);
        if (tip.Amount < required)
        {
            throw new GatewayException(UploadRelayErrorReason.InsufficientTip,
                $"transaction {tip.TxId} pays {tip.Amount} FROST; this relay's tip for {bodyLength} bytes ({encodedLength} encoded) is {required} FROST", 402);
        }
    }

    private bool HasTransferLog(TransactionReceipt receipt, Address payer, BigInteger amount)
    {
        foreach (var log in receipt.Logs)
        {
            if (log.Address == client.Chain.Wal.Address && log.Topics.Count == 3 && log.Topics[0] == WALContract.Events.Transfer.Topic0
                && TopicAddress(log.Topics[1]) == payer && TopicAddress(log.Topics[2]) == config.Address
                && log.Data.Length == 32 && new BigInteger(log.Data, isUnsigned: true, isBigEndian: true) == amount)
            {
                return true;
            }
        }

        return false;
    }

    private static Address TopicAddress(Hash256 topic) => new(topic.ToArray().AsSpan(12));

    private static bool TryAddress(JsonElement json, string name, out Address address)
    {
        address = default;
        return json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Address.TryParse(value.GetString(), out address);
    }

    private static GatewayException Invalid(string message) => new(UploadRelayErrorReason.InvalidTip, message, 400);
}

using Walrus.Chain.Abi;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;

namespace Walrus.Chain.Transactions;

/// <summary>
/// Builds, signs and sends EIP-1559 transactions and waits for their receipts: gas from eth_estimateGas,
/// fees from <see cref="FeeOracle"/>, nonces from <see cref="NonceManager"/> (many transactions of one
/// account in flight at once). Reverts surface as <see cref="ContractRevertException"/> decoded with the
/// caller's error registry, both at estimation and for a mined transaction that failed.
/// </summary>
/// <remarks>
/// Sends are idempotent: a transaction is signed once per nonce and only its identical bytes are ever broadcast
/// again, so at most one of them can land. After an ambiguous send (timeout, lost reply, 5xx, garbage) the sender
/// looks the hash up before doing anything else; "already known" is success; "nonce too low" or "replacement
/// underpriced" sign again with a new nonce only when the node does not know our hash. A nonce that may be in the
/// pool is never handed out again. While waiting for a receipt, a transaction stuck below the base fee is replaced
/// by the same nonce with fees bumped (replace-by-fee), so it still lands once.
/// </remarks>
public sealed partial class TransactionSender
{
    private readonly EthClient _eth;
    private readonly TransactionSenderOptions _options;
    private readonly ReceiptPoller _receipts;

    /// <summary>Creates a sender with its own nonce manager and fee oracle.</summary>
    public TransactionSender(EthClient eth, TransactionSenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(eth);
        _eth = eth;
        _options = options ?? new TransactionSenderOptions();
        Nonces = new NonceManager(eth);
        Fees = new FeeOracle(eth, _options.FeeCacheDuration, _options.TimeProvider);
        _receipts = new ReceiptPoller(eth, _options);
    }

    /// <summary>The nonce manager (shared by every send through this sender).</summary>
    public NonceManager Nonces { get; }

    /// <summary>The fee oracle.</summary>
    public FeeOracle Fees { get; }

    /// <summary>The chain client.</summary>
    public EthClient Eth => _eth;

    /// <summary>
    /// Signs and broadcasts; returns once the node holds the transaction. Throws the node's refusal (the nonce is
    /// reused), or <see cref="TransactionOutcomeUnknownException"/> when no answer could be had (the nonce is not).
    /// </summary>
    public async Task<SignedTransaction> SendAsync(PrivateKey from, TransactionRequest request, AbiErrorRegistry? errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(request);
        using var activity = ChainTelemetry.ActivitySource.StartActivity("tx send");
        var chainIdTask = _eth.GetChainIdAsync(cancellationToken);
        var feesTask = Fees.GetFeesAsync(cancellationToken);
        var gasLimit = request.GasLimit ?? await EstimateGasAsync(from.Address, request, errors, cancellationToken);
        var chainId = await chainIdTask;
        var fees = await feesTask;
        await SettleUnsettledAsync(from.Address, cancellationToken);

        for (var attempt = 0; ; attempt++)
        {
            var nonce = await Nonces.ReserveAsync(from.Address, cancellationToken);
            var signed = new Eip1559Transaction
            {
                ChainId = chainId,
                Nonce = nonce,
                MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
                MaxFeePerGas = fees.MaxFeePerGas,
                GasLimit = gasLimit,
                To = request.To,
                Value = request.Value,
                Data = request.Data,
            }.Sign(from);

            var (outcome, failure) = await BroadcastAsync(signed, cancellationToken);
            switch (outcome)
            {
                case BroadcastOutcome.Accepted:
                    ChainTelemetry.TransactionsSent.Add(1);
                    return signed;
                case BroadcastOutcome.NonceTaken when attempt < _options.MaxNonceRetries:
                    // The node does not know our transaction, so it is not pooled: give the nonce back (the re-read of
                    // the node drops it if another transaction really holds it) and sign again.
                    ChainTelemetry.NonceResyncs.Add(1);
                    Nonces.Release(from.Address, nonce);
                    Nonces.Resync(from.Address);
                    continue;
                case BroadcastOutcome.NonceTaken:
                    Nonces.Release(from.Address, nonce);
                    Nonces.Resync(from.Address);
                    throw failure!;
                case BroadcastOutcome.Rejected:
                    // The node refused the transaction outright: its nonce is free again.
                    Nonces.Release(from.Address, nonce);
                    throw failure!;
                default:
                    // It may be in the pool: keep the nonce taken, and rebroadcast the same bytes before the next send.
                    MarkUnsettled(from.Address, signed);
                    if (failure is OperationCanceledException)
                    {
                        throw failure;
                    }

                    throw new TransactionOutcomeUnknownException(signed, failure!);
            }
        }
    }

    /// <summary>
    /// Sends and waits for the receipt, replacing the transaction by fee while it is stuck; a failed transaction
    /// throws the decoded revert.
    /// </summary>
    public async Task<TransactionReceipt> SendAndWaitAsync(PrivateKey from, TransactionRequest request, AbiErrorRegistry? errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        var signed = await SendAsync(from, request, errors, cancellationToken);
        var receipt = await WaitAndReplaceAsync(from, signed, cancellationToken);
        if (!receipt.Succeeded)
        {
            throw await ExplainFailureAsync(from.Address, request, receipt, errors, cancellationToken);
        }

        return receipt;
    }

    /// <summary>
    /// Waits for the receipt until it exists or <see cref="TransactionSenderOptions.ReceiptTimeout"/> passes
    /// (TimeoutException). All waits of this sender share one batched polling loop.
    /// </summary>
    public Task<TransactionReceipt> WaitForReceiptAsync(Hash256 transactionHash, CancellationToken cancellationToken) =>
        _receipts.WaitAsync(transactionHash, cancellationToken);

    /// <summary>eth_estimateGas with headroom; a revert throws the decoded <see cref="ContractRevertException"/>.</summary>
    public async Task<ulong> EstimateGasAsync(Address from, TransactionRequest request, AbiErrorRegistry? errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var estimate = await _eth.EstimateGasAsync(new CallRequest { From = from, To = request.To, Data = request.Data, Value = request.Value }, cancellationToken);
            return (ulong)Math.Ceiling(estimate * _options.GasLimitMultiplier);
        }
        catch (RpcException e) when (e.IsRevert)
        {
            throw ToRevert(e, errors);
        }
    }

    /// <summary>eth_call that turns a revert into the decoded <see cref="ContractRevertException"/>.</summary>
    public async Task<byte[]> CallAsync(CallRequest call, AbiErrorRegistry? errors, BlockParameter? block, CancellationToken cancellationToken)
    {
        try
        {
            return await _eth.CallAsync(call, block, cancellationToken);
        }
        catch (RpcException e) when (e.IsRevert)
        {
            throw ToRevert(e, errors);
        }
    }

    private static ContractRevertException ToRevert(RpcException e, AbiErrorRegistry? errors)
    {
        var data = e.RevertData ?? [];
        var exception = (errors ?? new AbiErrorRegistry()).ToException(data);
        return exception.ErrorName is null && data.Length == 0
            ? new ContractRevertException($"The contract reverted: {e.RpcMessage}", e)
            : exception;
    }

    private async Task<Exception> ExplainFailureAsync(Address from, TransactionRequest request, TransactionReceipt receipt, AbiErrorRegistry? errors, CancellationToken cancellationToken)
    {
        // Replay the call at the parent state of its block to learn the revert reason.
        try
        {
            await _eth.CallAsync(
                new CallRequest { From = from, To = request.To, Data = request.Data, Value = request.Value, Gas = receipt.GasUsed * 2 },
                receipt.BlockNumber > 0 ? BlockParameter.Number(receipt.BlockNumber - 1) : BlockParameter.Latest,
                cancellationToken);
        }
        catch (RpcException e) when (e.IsRevert)
        {
            return ToRevert(e, errors);
        }

        return new ContractRevertException($"Transaction {receipt.TransactionHash} failed in block {receipt.BlockNumber} (used {receipt.GasUsed} gas).");
    }
}

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
public sealed class TransactionSender
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

    /// <summary>Signs and broadcasts; returns once the node accepted the transaction.</summary>
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

            try
            {
                await _eth.SendRawTransactionAsync(signed.Raw, cancellationToken);
                ChainTelemetry.TransactionsSent.Add(1);
                return signed;
            }
            catch (RpcException e) when (e.IsNonceTooLow && attempt < _options.MaxNonceRetries)
            {
                ChainTelemetry.NonceResyncs.Add(1);
                Nonces.Resync(from.Address);
            }
            catch (RpcException)
            {
                // The node refused the transaction outright: its nonce is free again.
                Nonces.Release(from.Address, nonce);
                throw;
            }
            catch (OperationCanceledException)
            {
                // Unknown whether it arrived; make the next reservation ask the node.
                Nonces.Resync(from.Address);
                throw;
            }
            catch (RpcTransportException)
            {
                Nonces.Resync(from.Address);
                throw;
            }
        }
    }

    /// <summary>Sends and waits for the receipt; a failed transaction throws the decoded revert.</summary>
    public async Task<TransactionReceipt> SendAndWaitAsync(PrivateKey from, TransactionRequest request, AbiErrorRegistry? errors, CancellationToken cancellationToken)
    {
        var signed = await SendAsync(from, request, errors, cancellationToken);
        TransactionReceipt receipt;
        try
        {
            receipt = await WaitForReceiptAsync(signed.Hash, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The transaction may have been dropped (a reorganisation, a pool eviction): stop trusting the
            // local counter so that later sends do not queue behind a nonce gap forever.
            Nonces.Resync(from.Address);
            throw;
        }

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

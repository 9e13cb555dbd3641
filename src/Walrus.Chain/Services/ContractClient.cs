using Walrus.Chain.Abi;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;
using Walrus.Chain.Transactions;

namespace Walrus.Chain.Services;

/// <summary>
/// What the generated bindings call: eth_call for views (decoded outputs) and signed transactions for
/// state changes (receipt), both turning reverts into <see cref="ContractRevertException"/> with the
/// contract's error table.
/// </summary>
public sealed class ContractClient
{
    /// <summary>Creates a client over a transaction sender.</summary>
    public ContractClient(TransactionSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        Sender = sender;
    }

    /// <summary>The sender (nonces, fees, receipts).</summary>
    public TransactionSender Sender { get; }

    /// <summary>
    /// Errors of every contract of the deployment. A revert raised in a contract that the called one calls
    /// bubbles up with the inner contract's selector, so bindings decode with this table when it is set.
    /// </summary>
    public AbiErrorRegistry? SharedErrors { get; set; }

    /// <summary>The chain client.</summary>
    public EthClient Eth => Sender.Eth;

    /// <summary>Calls a view function and decodes its outputs.</summary>
    public async Task<object?[]> CallAsync(Address contract, AbiFunction function, object?[] arguments, AbiErrorRegistry errors, CancellationToken cancellationToken, Address? from = null, BlockParameter? block = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        var data = function.EncodeCall(arguments);
        var result = await Sender.CallAsync(new CallRequest { From = from, To = contract, Data = data }, SharedErrors ?? errors, block, cancellationToken);
        return DecodeOutput(function, result);
    }

    /// <summary>
    /// Calls several view functions in one JSON-RPC batch at one block (a consistent snapshot) and decodes each
    /// result; the first revert is thrown as a <see cref="ContractRevertException"/>.
    /// </summary>
    public async Task<IReadOnlyList<object?[]>> CallManyAsync(IReadOnlyList<ContractCall> calls, AbiErrorRegistry errors, CancellationToken cancellationToken, BlockParameter? block = null)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var requests = calls.Select(c => new CallRequest { To = c.Contract, Data = c.Function.EncodeCall(c.Arguments) }).ToList();
        var results = await Eth.CallManyAsync(requests, block, cancellationToken);
        var decoded = new object?[results.Count][];
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Error is { } error)
            {
                if (error.IsRevert)
                {
                    throw (SharedErrors ?? errors).ToException(error.RevertData ?? []);
                }

                throw error;
            }

            var data = EthClient.Parse("eth_call", results[i].Result, static e => Hex.Decode(e.GetString()!));
            decoded[i] = DecodeOutput(calls[i].Function, data);
        }

        return decoded;
    }

    /// <summary>Return data that does not decode as the function's outputs is a malformed eth_call reply.</summary>
    private static object?[] DecodeOutput(AbiFunction function, byte[] data)
    {
        try
        {
            return function.DecodeOutput(data);
        }
        catch (FormatException e)
        {
            throw new RpcMalformedResponseException("eth_call", $"{function.Name} returned data that does not decode: {e.Message}", e);
        }
    }

    /// <summary>Sends a transaction calling <paramref name="function"/> and waits until it is mined.</summary>
    public Task<TransactionReceipt> SendAsync(PrivateKey from, Address contract, AbiFunction function, object?[] arguments, AbiErrorRegistry errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Sender.SendAndWaitAsync(from, new TransactionRequest { To = contract, Data = function.EncodeCall(arguments) }, SharedErrors ?? errors, cancellationToken);
    }
}

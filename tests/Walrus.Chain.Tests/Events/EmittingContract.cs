using Walrus.Chain.Crypto;
using Walrus.Chain.Events;
using Walrus.Chain.Rpc;
using Walrus.Chain.Transactions;

namespace Walrus.Chain.Tests.Events;

/// <summary>Hand-assembled EVM code of a contract that emits LOG1(<see cref="Topic"/>, calldata) on every call.</summary>
internal static class EmittingContract
{
    public static Hash256 Topic { get; } = Keccak256.HashUtf8("Emitted(bytes)");

    public static byte[] InitCode()
    {
        var runtime = new List<byte> { 0x36, 0x60, 0x00, 0x60, 0x00, 0x37, 0x7f }; // CALLDATACOPY(0, 0, size); PUSH32
        runtime.AddRange(Topic.ToArray());
        runtime.AddRange([0x36, 0x60, 0x00, 0xa1, 0x00]); // LOG1(0, size, topic); STOP
        byte[] init = [0x60, (byte)runtime.Count, 0x80, 0x60, 0x0b, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3];
        return [.. init, .. runtime];
    }

    /// <summary>Deploys one with <paramref name="deployer"/>; its address and the block it was deployed in.</summary>
    public static async Task<(Address Contract, ulong StartBlock)> DeployAsync(TransactionSender sender, PrivateKey deployer)
    {
        var receipt = await sender.SendAndWaitAsync(deployer, new TransactionRequest { Data = InitCode() }, null, CancellationToken.None);
        return (receipt.ContractAddress!.Value, receipt.BlockNumber);
    }

    /// <summary>Emits one log per value (the value is the log's one byte of data), each in its own transaction.</summary>
    public static async Task EmitAsync(TransactionSender sender, PrivateKey key, Address contract, params int[] values)
    {
        foreach (var value in values)
        {
            await sender.SendAndWaitAsync(key, new TransactionRequest { To = contract, Data = new[] { (byte)value }, GasLimit = 60_000 }, null, CancellationToken.None);
        }
    }

    /// <summary>The first <paramref name="count"/> logs the follower delivers, within 20 seconds.</summary>
    public static async Task<List<LogEntry>> TakeAsync(EventFollower follower, int count, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var logs = new List<LogEntry>();
        await foreach (var log in follower.FollowAsync(timeout.Token))
        {
            logs.Add(log);
            if (logs.Count == count)
            {
                break;
            }
        }

        return logs;
    }
}

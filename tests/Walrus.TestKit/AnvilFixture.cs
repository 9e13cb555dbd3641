using System.Diagnostics;
using System.Text;
using Walrus.Chain;
using Walrus.Chain.Rpc;
using Walrus.Chain.Transactions;
using Walrus.Testbed;
using Xunit;

namespace Walrus.TestKit;

/// <summary>
/// Starts a real anvil (tools/node_modules/.bin/anvil, or $WALRUS_ANVIL) on a free loopback port with
/// automine and the default funded accounts (<see cref="TestKeys"/>), and kills it on dispose. Share it
/// through a collection fixture defined in the test assembly; isolate tests with <see cref="SnapshotAsync"/>/<see cref="RevertAsync"/>.
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime, IDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;
    private JsonRpcClient? _rpc;

    /// <summary>The anvil chain id.</summary>
    public const ulong ChainId = 31337;

    /// <summary>The JSON-RPC endpoint.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:8545");

    /// <summary>A JSON-RPC client on the endpoint.</summary>
    public JsonRpcClient Rpc => _rpc ?? throw new InvalidOperationException("Anvil is not started.");

    /// <summary>Typed eth_* calls.</summary>
    public EthClient Eth { get; private set; } = null!;

    /// <summary>A transaction sender with fast receipt polling (anvil mines at once).</summary>
    public TransactionSender Sender { get; private set; } = null!;

    /// <summary>Starts anvil and waits until it answers.</summary>
    public async Task InitializeAsync()
    {
        var anvil = Environment.GetEnvironmentVariable("WALRUS_ANVIL") ?? Path.Combine(RepositoryPaths.FoundryBin, "anvil");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = LoopbackPorts.Reserve();
            var start = new ProcessStartInfo(anvil)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--chain-id", ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--gas-limit", "100000000", "--code-size-limit", "100000"])
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + anvil);
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            Endpoint = new Uri($"http://127.0.0.1:{port}");
            _rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = Endpoint, MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(30) });
            Eth = new EthClient(_rpc);
            if (await WaitUntilReadyAsync(process))
            {
                Sender = NewSender();
                return;
            }

            await DisposeAsync();
        }

        throw new InvalidOperationException("anvil did not start:\n" + Output);
    }

    /// <summary>What anvil printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>A new sender (own nonce manager) with fast receipt polling.</summary>
    public TransactionSender NewSender() =>
        new(Eth, new TransactionSenderOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(5), ReceiptTimeout = TimeSpan.FromSeconds(30) });

    /// <summary>evm_snapshot: an id to revert to.</summary>
    public async Task<string> SnapshotAsync(CancellationToken cancellationToken = default) =>
        (await Rpc.CallAsync("evm_snapshot", null, cancellationToken)).GetString()!;

    /// <summary>evm_revert to a snapshot.</summary>
    public async Task RevertAsync(string snapshot, CancellationToken cancellationToken = default) =>
        await Rpc.CallAsync("evm_revert", w => w.WriteStringValue(snapshot), cancellationToken);

    /// <summary>Moves the chain's clock forward and mines a block.</summary>
    public async Task IncreaseTimeAsync(TimeSpan delta, CancellationToken cancellationToken = default)
    {
        var seconds = (long)delta.TotalSeconds;
        await Rpc.CallAsync("evm_increaseTime", w => w.WriteNumberValue(seconds), cancellationToken);
        await MineAsync(1, cancellationToken);
    }

    /// <summary>Mines <paramref name="blocks"/> empty blocks.</summary>
    public async Task MineAsync(int blocks = 1, CancellationToken cancellationToken = default) =>
        await Rpc.CallAsync("anvil_mine", w => w.WriteStringValue(Hex.EncodeQuantity((ulong)blocks)), cancellationToken);

    /// <summary>Stops anvil.</summary>
    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Stops anvil.</summary>
    public void Dispose()
    {
        _rpc?.Dispose();
        _rpc = null;
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
            _process = null;
        }
    }

    private async Task<bool> WaitUntilReadyAsync(Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                if (await Eth.GetChainIdAsync(CancellationToken.None) == ChainId)
                {
                    return true;
                }
            }
            catch (RpcTransportException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        return false;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }
}

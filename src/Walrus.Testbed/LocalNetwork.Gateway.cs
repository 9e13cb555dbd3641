using System.Globalization;

namespace Walrus.Testbed;

public sealed partial class LocalNetwork
{
    private ChildProcess? _gateway;
    private int _gatewayPort;

    /// <summary>The gateway's base URL (publisher and aggregator: <c>walrus daemon</c>), or null when the network runs none.</summary>
    public Uri? GatewayUrl { get; private set; }

    /// <summary>The gateway's process id (its watchdog's), while it runs.</summary>
    public int? GatewayPid => _gateway is { HasExited: false } gateway ? gateway.Id : null;

    /// <summary>The end of the gateway's log.</summary>
    public string GatewayOutput => ChildProcess.ReadLogFile(Path.Combine(Directory, TestbedFiles.GatewayLogFile), 64 * 1024);

    /// <summary>
    /// Starts <c>walrus daemon</c> (publisher and aggregator) on a loopback port (the one of a resumed network, else
    /// base+1+2×nodes or a free one) with the testbed's client.json and so its funded wallet, and waits until it answers
    /// its status route.
    /// </summary>
    private async Task StartGatewayAsync(TestbedFiles.State? previous, CancellationToken cancellationToken)
    {
        _gatewayPort = previous?.GatewayPort ?? (_options.BasePort > 0 ? _options.BasePort + 1 + 2 * _options.Nodes : FreePort());
        var address = "127.0.0.1:" + _gatewayPort.ToString(CultureInfo.InvariantCulture);
        _gateway = ChildProcess.Start("dotnet", [Path.GetFullPath(_options.CliDll), "daemon", "--bind-address", address, "--config", ClientConfigPath,
            // Stores of up to 1 GiB (the gateway streams bodies to a file); Walrus's default of 10 MiB is for public publishers.
            "--max-body-size", "1048576"],
            Path.Combine(Directory, TestbedFiles.GatewayLogFile));
        var url = new Uri("http://" + address);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (_gateway.HasExited)
            {
                throw new InvalidOperationException($"the gateway (walrus daemon) exited ({_gateway.ExitCode}):\n{GatewayOutput}");
            }

            try
            {
                using var response = await http.GetAsync("/status", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    GatewayUrl = url;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }

            if (clock.Elapsed > _options.NodeStartTimeout)
            {
                throw new TimeoutException($"the gateway did not answer on {url} within {_options.NodeStartTimeout}:\n{GatewayOutput}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task StopGatewayAsync(CancellationToken cancellationToken)
    {
        if (_gateway is { } gateway)
        {
            await gateway.StopAsync(TimeSpan.FromSeconds(15), cancellationToken);
            gateway.Dispose();
            _gateway = null;
        }
    }
}

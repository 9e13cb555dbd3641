using System.Globalization;
using Walrus.Core.NodeApi;

namespace Walrus.Testbed;

/// <summary>
/// One storage node of a <see cref="LocalNetwork"/>: its folder (config, 0600 key files, data) and, while running, its
/// own OS process <c>dotnet walrus.dll node run --config F</c> writing into <see cref="LogFile"/>.
/// </summary>
public sealed class TestbedNode : IDisposable
{
    private readonly string _cliDll;
    private readonly string _logLevel;
    private readonly TimeSpan _startTimeout;
    private ChildProcess? _process;

    internal TestbedNode(string name, uint nodeId, int port, string configFile, string cliDll, string logLevel, TimeSpan startTimeout)
    {
        Name = name;
        NodeId = nodeId;
        Port = port;
        ConfigFile = configFile;
        _cliDll = cliDll;
        _logLevel = logLevel;
        _startTimeout = startTimeout;
        Url = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        Http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The node's public name (node-0, node-1, ...).</summary>
    public string Name { get; }

    /// <summary>The node id the registry assigned.</summary>
    public uint NodeId { get; }

    /// <summary>The HTTP port of the node API.</summary>
    public int Port { get; }

    /// <summary>Base address of the node API.</summary>
    public Uri Url { get; }

    /// <summary>The node's config file (written like <c>walrus node generate-config</c> does).</summary>
    public string ConfigFile { get; }

    /// <summary>The node's folder.</summary>
    public string Directory => Path.GetDirectoryName(ConfigFile)!;

    /// <summary>Where the node process writes its log.</summary>
    public string LogFile => Path.Combine(Directory, "node.log");

    /// <summary>A client on <see cref="Url"/>.</summary>
    public HttpClient Http { get; }

    /// <summary>Shards the node holds in the current epoch (refreshed by <see cref="LocalNetwork.RefreshShardsAsync"/>).</summary>
    public IReadOnlyList<int> Shards { get; internal set; } = [];

    /// <summary>Whether the node misbehaves on purpose (not implemented yet: always false).</summary>
    public bool Byzantine { get; internal set; }

    /// <summary>The pid to signal (the node's watchdog) while it runs.</summary>
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The end of the node's log.</summary>
    public string Output => ChildProcess.ReadLogFile(LogFile, 256 * 1024);

    /// <summary>Starts the node process and waits until its API answers health.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        _process?.Dispose();
        var process = ChildProcess.Start("dotnet", [_cliDll, "node", "run", "--config", ConfigFile, "--log-level", _logLevel], LogFile);
        _process = process;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_startTimeout);
        var delay = 20;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} (node {NodeId}) exited ({process.ExitCode}):\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(NodeApiRoutes.Health, deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} (node {NodeId}) did not answer {NodeApiRoutes.Health} within {_startTimeout}:\n{Output}");
            }

            try
            {
                await Task.Delay(delay, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} (node {NodeId}) did not answer {NodeApiRoutes.Health} within {_startTimeout}:\n{Output}");
            }

            delay = Math.Min(delay * 2, 250);
        }
    }

    /// <summary>Stops the node cleanly (SIGTERM), killing it if it does not exit within 15 s.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { } process)
        {
            await process.StopAsync(TimeSpan.FromSeconds(15), cancellationToken);
        }
    }

    /// <summary>kill -9 of the node process.</summary>
    public void Kill() => _process?.Kill();

    public void Dispose()
    {
        _process?.Dispose();
        _process = null;
        Http.Dispose();
    }
}

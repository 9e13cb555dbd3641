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
    private readonly Func<CancellationToken, Task<ByzantineProxy>>? _startProxy;
    private ChildProcess? _process;

    internal TestbedNode(string name, uint nodeId, int port, string configFile, string cliDll, string logLevel, TimeSpan startTimeout,
        int? proxyPort = null, Func<CancellationToken, Task<ByzantineProxy>>? startProxy = null)
    {
        Name = name;
        NodeId = nodeId;
        Port = port;
        ConfigFile = configFile;
        _cliDll = cliDll;
        _logLevel = logLevel;
        _startTimeout = startTimeout;
        Url = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        ProxyPort = proxyPort;
        _startProxy = startProxy;
        Byzantine = proxyPort is not null;
        PublicUrl = proxyPort is { } p ? new Uri("http://127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)) : Url;
        Http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The node's public name (node-0, node-1, ...).</summary>
    public string Name { get; }

    /// <summary>The node id the registry assigned.</summary>
    public uint NodeId { get; }

    /// <summary>The HTTP port of the node API.</summary>
    public int Port { get; }

    /// <summary>Base address of the node process's API (for a Byzantine node: the honest node behind its proxy).</summary>
    public Uri Url { get; }

    /// <summary>The address the node registered on chain, which clients and other nodes use: <see cref="Url"/>, or the proxy's for a Byzantine node.</summary>
    public Uri PublicUrl { get; }

    /// <summary>The registered network address (<c>host:port</c> of <see cref="PublicUrl"/>), as the committee and <c>ReadResult.Liars</c> name it.</summary>
    public string NetworkAddress => PublicUrl.Authority;

    /// <summary>The port of the Byzantine proxy in front of the node, or null for an honest node.</summary>
    public int? ProxyPort { get; }

    /// <summary>The running Byzantine proxy (null for an honest node or while stopped).</summary>
    public ByzantineProxy? Proxy { get; private set; }

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

    /// <summary>Whether the node misbehaves on purpose: a <see cref="ByzantineProxy"/> in front of it holds its registered address.</summary>
    public bool Byzantine { get; }

    /// <summary>The pid to signal (the node's watchdog) while it runs.</summary>
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The end of the node's log.</summary>
    public string Output => ChildProcess.ReadLogFile(LogFile, 256 * 1024);

    /// <summary>Starts the node process and waits until its API answers health.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_startProxy is not null && Proxy is null)
        {
            Proxy = await _startProxy(cancellationToken);
        }

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

    /// <summary>Stops the node cleanly (SIGTERM), killing it if it does not exit within 15 s, and its proxy if it has one.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { } process)
        {
            await process.StopAsync(TimeSpan.FromSeconds(15), cancellationToken);
        }

        if (Proxy is { } proxy)
        {
            Proxy = null;
            await proxy.DisposeAsync();
        }
    }

    /// <summary>kill -9 of the node process.</summary>
    public void Kill() => _process?.Kill();

    public void Dispose()
    {
        if (Proxy is { } proxy)
        {
            Proxy = null;
            proxy.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _process?.Dispose();
        _process = null;
        Http.Dispose();
    }
}

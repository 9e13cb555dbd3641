using System.Text.Json;
using Walrus.Chain.Services;

namespace Walrus.Cli.Commands;

/// <summary>
/// The client config, Walrus's layout as far as it applies, in JSON (<c>client.json</c>):
/// <code>
/// { "contexts": { "local": { "rpc_url": "http://127.0.0.1:8545", "deployment": "deployments/31337.json", "wallet": "wallet.json" } },
///   "default_context": "local" }
/// </code>
/// A config may also be one context's fields at the top level. Relative paths are relative to the config file. Searched,
/// when <c>--config</c> is not given, as <c>./client.json</c>, <c>$XDG_CONFIG_HOME/walrus/client.json</c>,
/// <c>~/.config/walrus/client.json</c>.
/// </summary>
internal sealed record ClientConfigFile(string Path, string Context, Uri RpcUrl, string DeploymentFile, string? WalletFile)
{
    public const string FileName = "client.json";

    /// <summary>Where a config is looked for when none is given.</summary>
    public static IEnumerable<string> SearchPath()
    {
        yield return System.IO.Path.Combine(Environment.CurrentDirectory, FileName);
        if (Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg)
        {
            yield return System.IO.Path.Combine(xdg, "walrus", FileName);
        }

        yield return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "walrus", FileName);
    }

    /// <summary>Reads the config (the given file or the first found) and picks the context.</summary>
    /// <exception cref="FileNotFoundException">No config file.</exception>
    /// <exception cref="FormatException">The file is not a valid client config.</exception>
    public static ClientConfigFile Load(string? path, string? context)
    {
        var file = path ?? SearchPath().FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"no client config: pass --config or create {FileName} in ./, $XDG_CONFIG_HOME/walrus or ~/.config/walrus");
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"the client config '{file}' does not exist");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var root = document.RootElement;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file))!;
        JsonElement selected;
        string name;
        if (root.TryGetProperty("contexts", out var contexts))
        {
            name = context ?? (root.TryGetProperty("default_context", out var d) ? d.GetString() : null)
                ?? throw new FormatException($"{file}: no --context given and no default_context");
            if (!contexts.TryGetProperty(name, out selected))
            {
                throw new FormatException($"{file}: no context '{name}': pass --context with one of: {string.Join(", ", contexts.EnumerateObject().Select(p => p.Name))}");
            }
        }
        else
        {
            name = context ?? "default";
            selected = root;
        }

        string Text(string key) => selected.TryGetProperty(key, out var v) && v.GetString() is { Length: > 0 } s
            ? s
            : throw new FormatException($"{file}: context '{name}' has no \"{key}\"");
        string Resolve(string p) => System.IO.Path.IsPathRooted(p) ? p : System.IO.Path.Combine(directory, p);

        var wallet = selected.TryGetProperty("wallet", out var w) && w.GetString() is { Length: > 0 } walletPath ? Resolve(walletPath) : null;
        return new ClientConfigFile(file, name, new Uri(Text("rpc_url")), Resolve(Text("deployment")), wallet);
    }

    /// <summary>Writes a single-context config.</summary>
    public static void Write(string path, string context, Uri rpcUrl, string deploymentFile, string? walletFile)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteStartObject("contexts");
        writer.WriteStartObject(context);
        writer.WriteString("rpc_url", rpcUrl.ToString());
        writer.WriteString("deployment", deploymentFile);
        if (walletFile is not null)
        {
            writer.WriteString("wallet", walletFile);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteString("default_context", context);
        writer.WriteEndObject();
    }

    /// <summary>The deployment's contract addresses.</summary>
    /// <exception cref="FileNotFoundException">The deployment file does not exist.</exception>
    public Task<WalrusDeployment> LoadDeploymentAsync(CancellationToken cancellationToken) => File.Exists(DeploymentFile)
        ? WalrusDeployment.LoadAsync(DeploymentFile, cancellationToken)
        : throw new FileNotFoundException($"the deployment file '{DeploymentFile}' of context '{Context}' does not exist: fix \"deployment\" in {Path}");
}

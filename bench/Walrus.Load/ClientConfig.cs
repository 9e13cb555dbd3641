using System.Text.Json;

namespace Walrus.Load;

/// <summary>
/// What the load tool needs from a client config (<c>client.json</c> as <c>walrus testbed up</c> writes it): the chain's
/// RPC URL, the deployment file and the wallet of the default context (or of one context's fields at the top level);
/// relative paths are relative to the file.
/// </summary>
internal sealed record ClientConfig(Uri RpcUrl, string DeploymentFile, string WalletFile)
{
    public static ClientConfig Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var context = root;
        if (root.TryGetProperty("contexts", out var contexts))
        {
            var name = root.TryGetProperty("default_context", out var d) ? d.GetString() : null;
            context = name is not null && contexts.TryGetProperty(name, out var named)
                ? named
                : throw new InvalidDataException($"{path}: default_context '{name}' is not one of its contexts");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Field(string key) => context.TryGetProperty(key, out var value) && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"{path}: '{key}' is missing");
        return new ClientConfig(new Uri(Field("rpc_url")), Path.Combine(folder, Field("deployment")), Path.Combine(folder, Field("wallet")));
    }
}

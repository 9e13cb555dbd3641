using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Walrus.StorageNode.Node;

/// <summary>
/// A node's config file: JSON with a comment (description and default) above every option, as
/// <c>walrus node generate-config</c> writes it. Relative paths are taken relative to the file's folder.
/// </summary>
public static class NodeConfigFile
{
    private static readonly string[] PathOptions =
        [nameof(StorageNodeOptions.DataDirectory), nameof(StorageNodeOptions.DeploymentFile), nameof(StorageNodeOptions.SigningKeyFile),
         nameof(StorageNodeOptions.OwnerKeyFile), nameof(StorageNodeOptions.TlsCertificateFile)];

    /// <summary>Every option: name, description, default (as JSON).</summary>
    public static IReadOnlyList<(string Name, string Description, string DefaultJson)> Describe()
    {
        var defaults = new StorageNodeOptions();
        return [.. Properties().Select(p => (p.Name, p.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "", ToJson(p.GetValue(defaults))))];
    }

    /// <summary>The file text for <paramref name="options"/>.</summary>
    public static string Format(StorageNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new StorageNodeOptions();
        var text = new StringBuilder("{\n");
        var properties = Properties();
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
            text.Append(CultureInfo.InvariantCulture, $"  // {description} Default: {ToJson(property.GetValue(defaults))}.\n");
            text.Append(CultureInfo.InvariantCulture, $"  \"{property.Name}\": {ToJson(property.GetValue(options))}{(i + 1 < properties.Count ? "," : "")}\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>Reads a config file; unknown options are an error, missing ones keep their defaults.</summary>
    public static StorageNodeOptions Read(string path)
    {
        var options = new StorageNodeOptions();
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var properties = Properties().ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var element in document.RootElement.EnumerateObject())
        {
            if (!properties.TryGetValue(element.Name, out var property))
            {
                throw new FormatException($"Unknown option '{element.Name}' in {path}.");
            }

            property.SetValue(options, element.Value.ValueKind == JsonValueKind.Null ? null : element.Value.Deserialize(property.PropertyType));
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        foreach (var name in PathOptions)
        {
            var property = properties[name];
            if (property.GetValue(options) is string value && value.Length > 0 && !Path.IsPathRooted(value))
            {
                property.SetValue(options, Path.GetFullPath(Path.Combine(folder, value)));
            }
        }

        return options;
    }

    private static List<PropertyInfo> Properties() =>
        [.. typeof(StorageNodeOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)];

    private static string ToJson(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value.ToString()),
    };
}

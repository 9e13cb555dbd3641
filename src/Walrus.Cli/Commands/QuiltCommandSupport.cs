using System.Globalization;
using System.Text.Json;
using Walrus.Client;
using Walrus.Core.Quilts;

namespace Walrus.Cli.Commands;

/// <summary>What the quilt commands share: their failures as one error line, and how patches print as JSON.</summary>
internal static class QuiltCommandSupport
{
    /// <summary>Runs a quilt command like <see cref="ClientOptions.RunAsync"/>, also turning a quilt rule or a missing patch into one error line.</summary>
    public static Task<int> RunAsync(Func<Task<int>> action) => ClientOptions.RunAsync(async () =>
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is QuiltException or QuiltPatchNotFoundException)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message.ReplaceLineEndings(" "));
            return 1;
        }
    });

    /// <summary>Writes <c>{identifier, quiltPatchId, tags}</c>.</summary>
    public static void WritePatch(Utf8JsonWriter writer, string identifier, QuiltPatchId patchId, QuiltTags tags)
    {
        writer.WriteStartObject();
        writer.WriteString("identifier", identifier);
        writer.WriteString("quiltPatchId", patchId.ToString());
        WriteTags(writer, tags);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>"tags": {k: v}</c>.</summary>
    public static void WriteTags(Utf8JsonWriter writer, QuiltTags tags)
    {
        writer.WriteStartObject("tags");
        foreach (var (key, value) in tags)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Tags as <c>k=v, ...</c> for the text output.</summary>
    public static string FormatTags(QuiltTags tags) =>
        tags.Count == 0 ? "" : " [" + string.Join(", ", tags.Select(t => t.Key + "=" + t.Value)) + "]";

    /// <summary>Writes the accumulated JSON to stdout.</summary>
    public static async Task PrintAsync(MemoryStream json) =>
        await Console.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(json.ToArray()));

    public static string Invariant(System.Numerics.BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}

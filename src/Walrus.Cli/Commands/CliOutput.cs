using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace Walrus.Cli.Commands;

/// <summary>
/// How client commands print: JSON with <c>--json</c>; otherwise a Spectre.Console table when stdout is a terminal and
/// plain aligned lines when it is redirected (so that scripts and pipes see no box drawing or colour codes).
/// </summary>
internal static class CliOutput
{
    /// <summary>Writes one indented JSON document to stdout.</summary>
    public static async Task WriteJsonAsync(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        await Console.Out.WriteLineAsync(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Writes rows under headers: a table on a terminal, aligned plain lines otherwise; <paramref name="empty"/> when there are no rows.</summary>
    public static async Task WriteTableAsync(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string empty)
    {
        if (rows.Count == 0)
        {
            await Console.Out.WriteLineAsync(empty);
            return;
        }

        if (!Console.IsOutputRedirected)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var header in headers)
            {
                table.AddColumn(new TableColumn(Markup.Escape(header)));
            }

            foreach (var row in rows)
            {
                table.AddRow([.. row.Select(cell => new Text(cell))]);
            }

            AnsiConsole.Write(table);
            return;
        }

        var widths = new int[headers.Count];
        for (var c = 0; c < headers.Count; c++)
        {
            widths[c] = headers[c].Length;
            foreach (var row in rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        await Console.Out.WriteLineAsync(Line(headers, widths));
        foreach (var row in rows)
        {
            await Console.Out.WriteLineAsync(Line(row, widths));
        }
    }

    /// <summary>FROST as WAL with up to 9 decimals (1 WAL = 10^9 FROST), e.g. "1.5 WAL".</summary>
    public static string Wal(BigInteger frost)
    {
        var whole = BigInteger.DivRem(BigInteger.Abs(frost), 1_000_000_000, out var fraction);
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (!fraction.IsZero)
        {
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(9, '0').TrimEnd('0');
        }

        return (frost.Sign < 0 ? "-" : "") + text + " WAL";
    }

    /// <summary>A decimal string (JSON carries uint256 values as strings, which every parser reads exactly).</summary>
    public static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Line(IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var c = 0; c < cells.Count; c++)
        {
            line.Append(c == cells.Count - 1 ? cells[c] : cells[c].PadRight(widths[c] + 2));
        }

        return line.ToString().TrimEnd();
    }
}

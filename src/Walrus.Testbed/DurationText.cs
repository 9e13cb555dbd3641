using System.Globalization;

namespace Walrus.Testbed;

/// <summary>Durations as a user types them: 90 (seconds), 30s, 10m, 2h.</summary>
public static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var hasUnit = char.IsLetter(text[^1]);
        var unit = hasUnit ? char.ToLowerInvariant(text[^1]) : 's';
        if (!long.TryParse(hasUnit ? text[..^1] : text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        TimeSpan? parsed = unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => null,
        };
        duration = parsed ?? default;
        return parsed is not null;
    }
}

using System.Globalization;

namespace Rollout.Deployer.Plans;

/// <summary>Parses and writes the plan's durations: a whole number with a unit (<c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>).</summary>
public static class DurationText
{
    /// <summary>Parses e.g. <c>700ms</c> or <c>1m</c>; no fractions, so no floating point.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var unitStart = 0;
        while (unitStart < text.Length && char.IsAsciiDigit(text[unitStart])) unitStart++;
        if (unitStart == 0 || unitStart > 12) return false;
        var number = long.Parse(text.AsSpan(0, unitStart), NumberStyles.None, CultureInfo.InvariantCulture);
        long? milliseconds = text[unitStart..] switch
        {
            "ms" => number,
            "s" => number * 1000,
            "m" => number * 60_000,
            "h" => number * 3_600_000,
            _ => null,
        };
        if (milliseconds is null) return false;
        duration = TimeSpan.FromMilliseconds(milliseconds.Value);
        return true;
    }

    /// <summary>Writes the largest exact unit: 1m, 10s, 700ms.</summary>
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        if (ms % 3_600_000 == 0 && ms > 0) return $"{ms / 3_600_000}h";
        if (ms % 60_000 == 0 && ms > 0) return $"{ms / 60_000}m";
        if (ms % 1000 == 0 && ms > 0) return $"{ms / 1000}s";
        return $"{ms}ms";
    }
}

using System.Globalization;
using System.Text;

namespace Rollout.Token.Snapshots;

/// <summary>Renders untrusted snapshot text inside error messages: quoted, control characters escaped, long text cut.</summary>
internal static class SnapshotText
{
    private const int MaxShown = 48;

    /// <summary>
    /// Escapes control characters left in a message built elsewhere (a decoder's error can quote the
    /// offending character raw), so a hostile file cannot drive the operator's terminal.
    /// </summary>
    public static string Sanitize(string message)
    {
        if (!message.Any(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF')) return message;
        var builder = new StringBuilder(message.Length + 16);
        foreach (var c in message)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF') builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>The text in double quotes, safe to print to a terminal.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxShown) + 8);
        builder.Append('"');
        var shown = Math.Min(text.Length, MaxShown);
        for (var i = 0; i < shown; i++)
        {
            var c = text[i];
            // Escape anything that could move the cursor or recolour a terminal, and lone surrogates.
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '"' or '\\' or '\u2028' or '\u2029' or '\uFEFF')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        builder.Append('"');
        if (text.Length > MaxShown) builder.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters)");
        return builder.ToString();
    }
}

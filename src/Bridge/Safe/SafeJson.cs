using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Rollout.Bridge.Safe;

/// <summary>Strict readers for the Safe documents: every member named in the error when missing or malformed.</summary>
internal static class SafeJson
{
    /// <summary>
    /// Parses a document whose root object may hold only <paramref name="members"/>, each at most once:
    /// JsonDocument keeps duplicates (lookups see the last), so a file with two <c>to</c> members could show a
    /// reviewer one target while the other is hashed and signed.
    /// </summary>
    public static JsonDocument Parse(string json, string source, IReadOnlyCollection<string> members)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
        try
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{source}: not a JSON object");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                var name = Text(() => member.Name, source);
                if (!members.Contains(name)) throw new InvalidDataException($"{source}.{name}: not a member of this document (expected {string.Join(", ", members)})");
                if (!seen.Add(name)) throw new InvalidDataException($"{source}.{name}: appears more than once");
            }
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public static string String(JsonElement parent, string member, string source)
    {
        if (!parent.TryGetProperty(member, out var value)) throw new InvalidDataException($"{source}.{member}: missing");
        return value.ValueKind == JsonValueKind.String ? Text(() => value.GetString()!, $"{source}.{member}") : throw new InvalidDataException($"{source}.{member}: expected a string");
    }

    /// <summary>The text of an optional string member, or null when it is absent or not a string.</summary>
    public static string? OptionalString(JsonElement parent, string member, string source) =>
        parent.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? Text(() => value.GetString()!, $"{source}.{member}") : null;

    // JSON may escape half a surrogate pair ("\ud800"), which no .NET string can hold: the reader then throws
    // InvalidOperationException, which is bad input naming where it is, not a crash.
    private static string Text(Func<string> read, string where)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidDataException($"{where}: not text (a lone surrogate escape)", ex);
        }
    }

    /// <summary>A non-negative integer written as a decimal string (JSON numbers lose precision past 2^53).</summary>
    public static BigInteger Decimal(JsonElement parent, string member, string source)
    {
        var text = String(parent, member, source);
        if (text.Length == 0 || text.Length > 78 || !text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] == '0'))
        {
            throw new InvalidDataException($"{source}.{member}: \"{text}\" is not a decimal integer");
        }
        var value = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value.GetBitLength() > 256) throw new InvalidDataException($"{source}.{member}: {text} does not fit in 256 bits");
        return value;
    }

    public static string Decimal(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}

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
                if (!members.Contains(member.Name)) throw new InvalidDataException($"{source}.{member.Name}: not a member of this document (expected {string.Join(", ", members)})");
                if (!seen.Add(member.Name)) throw new InvalidDataException($"{source}.{member.Name}: appears more than once");
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
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new InvalidDataException($"{source}.{member}: expected a string");
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

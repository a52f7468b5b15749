using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Rollout.Bridge.Safe;

/// <summary>Strict readers for the Safe documents: every member named in the error when missing or malformed.</summary>
internal static class SafeJson
{
    public static JsonDocument Parse(string json, string source)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            throw new InvalidDataException($"{source}: not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
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

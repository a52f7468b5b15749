namespace Rollout.Bridge.Ethereum;

/// <summary>Hex text as Ethereum writes it: <c>0x</c>-prefixed, lower case on output, either case on input.</summary>
public static class Hex
{
    /// <summary>Writes bytes as <c>0x</c> followed by lower-case hex digits.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Reads hex digits with or without a <c>0x</c> prefix; <paramref name="field"/> names the value in the error.</summary>
    public static byte[] Decode(string text, string field = "value")
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        if (digits.Length % 2 != 0) throw new InvalidDataException($"{field}: \"{Shorten(text)}\" has an odd number of hex digits");
        var bytes = new byte[digits.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = Digit(digits[2 * i]);
            var low = Digit(digits[(2 * i) + 1]);
            if (high < 0 || low < 0) throw new InvalidDataException($"{field}: \"{Shorten(text)}\" is not hex at digit {2 * i}");
            bytes[i] = (byte)((high << 4) | low);
        }
        return bytes;
    }

    /// <summary>Reads a <c>0x</c>-prefixed hex quantity (JSON-RPC style, no leading zeros required) as an unsigned number.</summary>
    public static System.Numerics.BigInteger DecodeQuantity(string text, string field = "quantity")
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length < 3)
        {
            throw new InvalidDataException($"{field}: \"{Shorten(text)}\" is not a 0x-prefixed hex quantity");
        }
        var digits = text.Length % 2 == 0 ? text[2..] : "0" + text[2..];
        return new System.Numerics.BigInteger(Decode(digits, field), isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Writes an unsigned number as a JSON-RPC quantity: <c>0x</c> and hex digits without leading zeros.</summary>
    public static string EncodeQuantity(System.Numerics.BigInteger value)
    {
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), "a quantity is never negative");
        if (value.IsZero) return "0x0";
        return "0x" + Convert.ToHexStringLower(value.ToByteArray(isUnsigned: true, isBigEndian: true)).TrimStart('0');
    }

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    // Long payloads would flood an error message; the start is enough to recognise the value.
    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}

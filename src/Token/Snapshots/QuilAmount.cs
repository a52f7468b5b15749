using System.Numerics;

namespace Rollout.Token.Snapshots;

/// <summary>
/// Exact conversion of the snapshots' decimal QUIL strings ("137558", "12.5") into integer node-side
/// units (1 QUIL = 8,000,000,000 units). Nothing is ever rounded: a value that is not a whole number of
/// units, carries a sign, an exponent, whitespace or anything but digits and one inner dot is refused.
/// </summary>
public static class QuilAmount
{
    /// <summary>Node-side units per QUIL.</summary>
    public const ulong UnitsPerQuil = 8_000_000_000UL;

    /// <summary>The longest amount text accepted; 2^256 units is 69 digits of QUIL, so this leaves room for trailing zeros.</summary>
    public const int MaxLength = 128;

    /// <summary>2^256 − 1, the largest amount a <c>uint256</c> leaf can hold.</summary>
    public static readonly BigInteger MaxUnits = (BigInteger.One << 256) - 1;

    private static readonly ulong[] PowersOfTen = BuildPowersOfTen();

    /// <summary>Parses a decimal QUIL amount into units, or says why the text is not one.</summary>
    public static bool TryParseQuil(string text, out BigInteger units, out string error) =>
        TryParse(text, UnitsPerQuil, out units, out error);

    /// <summary>
    /// The common case straight from a file's UTF-8 bytes, without a string: digits with at most one inner
    /// dot, at most 18 whole digits and 9 significant fraction digits. False means "not sure": the caller
    /// then runs <see cref="TryParseQuil"/> on the text, which gives the same units or the exact error.
    /// </summary>
    internal static bool TryParseQuilFast(ReadOnlySpan<byte> utf8, out UInt128 units)
    {
        units = 0;
        if (utf8.IsEmpty || utf8.Length > MaxLength) return false;
        ulong whole = 0;
        var i = 0;
        for (; i < utf8.Length; i++)
        {
            var digit = (uint)(utf8[i] - '0');
            if (digit > 9) break;
            if (i == 18) return false;
            whole = (whole * 10) + digit;
        }
        if (i == 0) return false;
        ulong fraction = 0;
        var fractionDigits = 0;
        if (i < utf8.Length)
        {
            if (utf8[i] != (byte)'.' || i == utf8.Length - 1) return false;
            var rest = utf8[(i + 1)..].TrimEnd((byte)'0');
            if (rest.Length > 9) return false;
            foreach (var b in rest)
            {
                var digit = (uint)(b - '0');
                if (digit > 9) return false;
                fraction = (fraction * 10) + digit;
            }
            fractionDigits = rest.Length;
        }
        // fraction < 10^9, so fraction·8e9 < 8e18 fits a ulong, and 10^k (k ≤ 9) divides 8e9.
        units = ((UInt128)whole * UnitsPerQuil) + (fraction * UnitsPerQuil / PowersOfTen[fractionDigits]);
        return true;
    }

    /// <summary>Parses a whole number of units (no dot), or says why the text is not one.</summary>
    public static bool TryParseUnits(string text, out BigInteger units, out string error)
    {
        if (text.Contains('.', StringComparison.Ordinal))
        {
            units = default;
            error = $"{SnapshotText.Quote(text)} has a fraction; units are whole numbers";
            return false;
        }
        return TryParse(text, 1, out units, out error);
    }

    /// <summary>Formats units as an exact decimal QUIL amount, for messages and summaries.</summary>
    public static string FormatQuil(BigInteger units)
    {
        var whole = BigInteger.DivRem(units, UnitsPerQuil, out var remainder);
        if (remainder.IsZero) return whole.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // 8e9 divides 10^22, so the fraction is exact in 22 digits.
        var fraction = (remainder * BigInteger.Pow(10, 22) / UnitsPerQuil).ToString("D22", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0');
        return whole.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + fraction;
    }

    private static bool TryParse(string text, ulong scale, out BigInteger units, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        units = default;
        if (!CheckShape(text, out var dot, out error)) return false;
        var integerPart = dot < 0 ? text.AsSpan() : text.AsSpan(0, dot);
        var fractionPart = dot < 0 ? [] : text.AsSpan(dot + 1).TrimEnd('0');

        // Fast path: what every real snapshot holds, in 64/128-bit integers without BigInteger parsing.
        if (integerPart.Length <= 18 && fractionPart.Length <= 9 && scale == UnitsPerQuil)
        {
            var whole = ulong.Parse(integerPart, provider: System.Globalization.CultureInfo.InvariantCulture);
            var fraction = fractionPart.IsEmpty ? 0UL : ulong.Parse(fractionPart, provider: System.Globalization.CultureInfo.InvariantCulture);
            // fraction < 10^9, so fraction·8e9 < 8e18 fits a ulong, and 10^k (k ≤ 9) divides 8e9.
            var value = ((UInt128)whole * scale) + (fraction * scale / PowersOfTen[fractionPart.Length]);
            units = (BigInteger)value;
            return true;
        }

        var digits = BigInteger.Parse(string.Concat(integerPart, fractionPart), System.Globalization.CultureInfo.InvariantCulture);
        var denominator = BigInteger.Pow(10, fractionPart.Length);
        var scaled = BigInteger.DivRem(digits * scale, denominator, out var remainder);
        if (!remainder.IsZero)
        {
            error = $"{SnapshotText.Quote(text)} is not a whole number of units (1 QUIL = 8,000,000,000 units; the smallest step is 0.000000000125)";
            return false;
        }
        if (scaled > MaxUnits)
        {
            error = $"{SnapshotText.Quote(text)} is more than 2^256 − 1 units";
            return false;
        }
        units = scaled;
        return true;
    }

    private static bool CheckShape(string text, out int dot, out string error)
    {
        dot = -1;
        error = "";
        if (text.Length == 0)
        {
            error = "is empty; an amount is a decimal number such as \"12.5\"";
            return false;
        }
        if (text.Length > MaxLength)
        {
            error = $"{SnapshotText.Quote(text)} is longer than {MaxLength} characters";
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c)) continue;
            if (c == '.' && dot < 0)
            {
                dot = i;
                continue;
            }
            error = SnapshotText.Quote(text) + " " + c switch
            {
                '-' => "is negative",
                '+' => "has a sign; write the digits only",
                'e' or 'E' => "uses an exponent; write the digits out",
                '.' => "has more than one decimal point",
                ',' or '_' or '\'' => "has a digit separator; write the digits only",
                _ when char.IsWhiteSpace(c) => "has whitespace in it",
                _ => $"is not a decimal number (character {SnapshotText.Quote(c.ToString())} at position {i})",
            };
            return false;
        }
        if (dot == 0 || dot == text.Length - 1)
        {
            error = $"{SnapshotText.Quote(text)} needs digits on both sides of the decimal point";
            return false;
        }
        return true;
    }

    private static ulong[] BuildPowersOfTen()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++) powers[i] = powers[i - 1] * 10;
        return powers;
    }
}

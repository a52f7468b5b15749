using System.Globalization;
using System.Numerics;
using System.Text;
using Rollout.Token.Addressing;

namespace Rollout.Token.Commitment;

/// <summary>
/// Formats the values the genesis files hold (0x-hex of 32 bytes, decimal units) straight into UTF-8
/// spans, so writing a million allocations creates no string per entry.
/// </summary>
internal static class Utf8Values
{
    /// <summary>Room for "0x" and 64 hex digits.</summary>
    public const int HexLength = 66;

    /// <summary>Room for any amount up to 2^256 − 1 (78 digits).</summary>
    public const int UnitsLength = 80;

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    private static readonly BigInteger SmallMax = UInt128.MaxValue;

    /// <summary>"0x" and lower-case hex of <paramref name="bytes"/>, in <paramref name="buffer"/>.</summary>
    public static ReadOnlySpan<byte> Hex(scoped ReadOnlySpan<byte> bytes, Span<byte> buffer)
    {
        buffer[0] = (byte)'0';
        buffer[1] = (byte)'x';
        var digits = HexDigits;
        for (var i = 0; i < bytes.Length; i++)
        {
            buffer[2 + (2 * i)] = digits[bytes[i] >> 4];
            buffer[3 + (2 * i)] = digits[bytes[i] & 0xF];
        }
        return buffer[..(2 + (2 * bytes.Length))];
    }

    /// <summary>The address as "0x" and 64 lower-case hex digits, as <see cref="QuilAddress.ToString"/> writes it.</summary>
    public static ReadOnlySpan<byte> Hex(QuilAddress address, Span<byte> buffer)
    {
        Span<byte> bytes = stackalloc byte[QuilAddress.Size];
        address.WriteTo(bytes);
        return Hex(bytes, buffer);
    }

    /// <summary>The invariant decimal text of non-negative <paramref name="units"/>, as <c>BigInteger.ToString</c> writes it.</summary>
    public static ReadOnlySpan<byte> Units(BigInteger units, Span<byte> buffer)
    {
        if (units.Sign >= 0 && units <= SmallMax && ((UInt128)units).TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture))
        {
            return buffer[..written];
        }
        var length = Encoding.UTF8.GetBytes(units.ToString(CultureInfo.InvariantCulture), buffer);
        return buffer[..length];
    }
}

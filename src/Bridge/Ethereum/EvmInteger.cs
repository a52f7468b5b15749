using System.Numerics;

namespace Rollout.Bridge.Ethereum;

/// <summary>
/// The EVM's 256-bit words as <see cref="BigInteger"/>: range checks for uintN/intN and the 32-byte
/// big-endian (two's complement for signed) encoding. Out-of-range values are rejected, never wrapped.
/// </summary>
public static class EvmInteger
{
    /// <summary>2^256 − 1, the largest uint256.</summary>
    public static readonly BigInteger MaxUInt256 = (BigInteger.One << 256) - 1;

    /// <summary>The largest value of uint<paramref name="bits"/>.</summary>
    public static BigInteger MaxUnsigned(int bits) => (BigInteger.One << CheckBits(bits)) - 1;

    /// <summary>The largest value of int<paramref name="bits"/>.</summary>
    public static BigInteger MaxSigned(int bits) => (BigInteger.One << (CheckBits(bits) - 1)) - 1;

    /// <summary>The smallest value of int<paramref name="bits"/>.</summary>
    public static BigInteger MinSigned(int bits) => -(BigInteger.One << (CheckBits(bits) - 1));

    /// <summary>Whether <paramref name="value"/> fits uintN (signed = false) or intN (signed = true).</summary>
    public static bool Fits(BigInteger value, int bits, bool signed) => signed
        ? value >= MinSigned(bits) && value <= MaxSigned(bits)
        : value.Sign >= 0 && value <= MaxUnsigned(bits);

    /// <summary>Throws <see cref="InvalidDataException"/> naming <paramref name="field"/> when the value does not fit.</summary>
    public static BigInteger Check(BigInteger value, int bits, bool signed, string field = "value")
    {
        if (!Fits(value, bits, signed))
        {
            throw new InvalidDataException($"{field}: {value} is out of range for {(signed ? "int" : "uint")}{bits}");
        }
        return value;
    }

    /// <summary>Writes the value as a 32-byte big-endian word (two's complement when negative) after a range check.</summary>
    public static void WriteWord(BigInteger value, int bits, bool signed, Span<byte> destination, string field = "value")
    {
        Check(value, bits, signed, field);
        if (destination.Length < 32) throw new ArgumentException("a word is 32 bytes", nameof(destination));
        var word = destination[..32];
        word.Fill(value.Sign < 0 ? (byte)0xff : (byte)0);
        var count = value.GetByteCount(isUnsigned: !signed || value.Sign >= 0);
        // A signed value's minimal two's complement form can be one byte shorter than its unsigned count, never longer than 32.
        value.TryWriteBytes(word[(32 - count)..], out _, isUnsigned: value.Sign >= 0, isBigEndian: true);
    }

    /// <summary>Reads a 32-byte word as uintN or intN, rejecting words outside the type's range (dirty high bits).</summary>
    public static BigInteger ReadWord(ReadOnlySpan<byte> word, int bits, bool signed, string field = "value")
    {
        if (word.Length != 32) throw new ArgumentException("a word is 32 bytes", nameof(word));
        var value = new BigInteger(word, isUnsigned: !signed, isBigEndian: true);
        if (!Fits(value, bits, signed))
        {
            throw new InvalidDataException($"{field}: word 0x{Convert.ToHexStringLower(word)} is out of range for {(signed ? "int" : "uint")}{bits}");
        }
        return value;
    }

    /// <summary>The minimal big-endian bytes of a non-negative value (empty for zero), as RLP stores integers.</summary>
    public static byte[] ToMinimalBytes(BigInteger value)
    {
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), "only non-negative integers have a minimal unsigned encoding");
        return value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
    }

    private static int CheckBits(int bits) =>
        bits is >= 8 and <= 256 && bits % 8 == 0 ? bits : throw new ArgumentOutOfRangeException(nameof(bits), $"{bits} is not a multiple of 8 from 8 to 256");
}

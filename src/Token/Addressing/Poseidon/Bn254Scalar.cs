using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Rollout.Token.Addressing.Poseidon;

/// <summary>
/// An element of the BN254 scalar field (the field iden3's Poseidon works in), held in Montgomery form
/// on four 64-bit limbs so that multiplying needs no division and no allocation.
/// </summary>
public readonly struct Bn254Scalar : IEquatable<Bn254Scalar>
{
    /// <summary>The field modulus r = 21888242871839275222246405745257275088548364400416034343698204186575808495617.</summary>
    public static readonly BigInteger Modulus = BigInteger.Parse(
        "21888242871839275222246405745257275088548364400416034343698204186575808495617", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The length of the canonical big-endian encoding.</summary>
    public const int ByteLength = 32;

    // The modulus, least significant limb first. Its top limb is below 2^62, which lets the Montgomery
    // product skip the final carry word (the "no-carry" variant of CIOS).
    internal const ulong Q0 = 0x43e1f593f0000001, Q1 = 0x2833e84879b97091, Q2 = 0xb85045b68181585d, Q3 = 0x30644e72e131a029;

    // -r^-1 mod 2^64.
    private const ulong QInvNeg = 0xc2e1f593efffffff;

    // R^2 mod r with R = 2^256: multiplying a canonical value by it yields its Montgomery form.
    private static readonly Bn254Scalar R2 = new(0x1bb8e645ae216da7, 0x53fe3ab1e35c59e3, 0x8c49833d53bb8085, 0x0216d0b17f4e44a5);

    // Montgomery form x·R mod r, least significant limb first, always below r.
    internal readonly ulong L0, L1, L2, L3;

    internal Bn254Scalar(ulong l0, ulong l1, ulong l2, ulong l3) => (L0, L1, L2, L3) = (l0, l1, l2, l3);

    /// <summary>Zero.</summary>
    public static Bn254Scalar Zero => default;

    /// <summary>One.</summary>
    public static Bn254Scalar One { get; } = new(0xac96341c4ffffffb, 0x36fc76959f60cd29, 0x666ea36f7879462e, 0x0e0a77c19a07df2f);

    /// <summary>Whether this is zero.</summary>
    public bool IsZero => (L0 | L1 | L2 | L3) == 0;

    /// <summary>The element with canonical value <paramref name="value"/>; throws when it is not in [0, r).</summary>
    public static Bn254Scalar FromBigInteger(BigInteger value)
    {
        if (value.Sign < 0 || value >= Modulus) throw new ArgumentOutOfRangeException(nameof(value), "not an element of the BN254 scalar field");
        Span<byte> bytes = stackalloc byte[ByteLength];
        value.TryWriteBytes(bytes, out var written, isUnsigned: true, isBigEndian: true);
        // TryWriteBytes writes the significant bytes first: move them to the end (big-endian padding).
        bytes[..written].CopyTo(bytes[(ByteLength - written)..]);
        bytes[..(ByteLength - written)].Clear();
        return FromBigEndian(bytes);
    }

    /// <summary>Reads 32 canonical big-endian bytes; throws when the number is not below r.</summary>
    public static Bn254Scalar FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength) throw new ArgumentException($"a field element is {ByteLength} bytes, not {bytes.Length}", nameof(bytes));
        var l3 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var l2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        var l1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        var l0 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
        if (!IsBelowModulus(l0, l1, l2, l3)) throw new ArgumentOutOfRangeException(nameof(bytes), "not below the BN254 scalar field modulus");
        return FromCanonical(l0, l1, l2, l3);
    }

    /// <summary>Whether the canonical limbs are below r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsBelowModulus(ulong l0, ulong l1, ulong l2, ulong l3) =>
        l3 != Q3 ? l3 < Q3 : l2 != Q2 ? l2 < Q2 : l1 != Q1 ? l1 < Q1 : l0 < Q0;

    /// <summary>Converts canonical limbs already known to be below r into Montgomery form.</summary>
    internal static Bn254Scalar FromCanonical(ulong l0, ulong l1, ulong l2, ulong l3) => Multiply(new Bn254Scalar(l0, l1, l2, l3), R2);

    /// <summary>Writes the canonical value as 32 big-endian bytes.</summary>
    public void WriteBigEndian(Span<byte> destination)
    {
        if (destination.Length < ByteLength) throw new ArgumentException($"a field element needs {ByteLength} bytes", nameof(destination));
        // Multiplying by canonical 1 divides by R, leaving the canonical value.
        var canonical = Multiply(this, new Bn254Scalar(1, 0, 0, 0));
        BinaryPrimitives.WriteUInt64BigEndian(destination, canonical.L3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], canonical.L2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], canonical.L1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], canonical.L0);
    }

    /// <summary>The canonical value as 32 big-endian bytes.</summary>
    public byte[] ToBigEndian()
    {
        var bytes = new byte[ByteLength];
        WriteBigEndian(bytes);
        return bytes;
    }

    /// <summary>The canonical value.</summary>
    public BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        WriteBigEndian(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>a + b mod r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Bn254Scalar Add(in Bn254Scalar a, in Bn254Scalar b)
    {
        // Both are below r < 2^254, so the sum cannot overflow 256 bits.
        var s0 = a.L0 + b.L0;
        var c = s0 < a.L0 ? 1UL : 0UL;
        var s1 = a.L1 + b.L1 + c;
        c = (s1 < a.L1 || (c == 1 && s1 == a.L1)) ? 1UL : 0UL;
        var s2 = a.L2 + b.L2 + c;
        c = (s2 < a.L2 || (c == 1 && s2 == a.L2)) ? 1UL : 0UL;
        var s3 = a.L3 + b.L3 + c;
        return ReduceOnce(s0, s1, s2, s3);
    }

    /// <summary>a − b mod r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Bn254Scalar Subtract(in Bn254Scalar a, in Bn254Scalar b)
    {
        var d0 = a.L0 - b.L0;
        var borrow = a.L0 < b.L0 ? 1UL : 0UL;
        var d1 = a.L1 - b.L1 - borrow;
        borrow = (a.L1 < b.L1 || (borrow == 1 && a.L1 == b.L1)) ? 1UL : 0UL;
        var d2 = a.L2 - b.L2 - borrow;
        borrow = (a.L2 < b.L2 || (borrow == 1 && a.L2 == b.L2)) ? 1UL : 0UL;
        var d3 = a.L3 - b.L3 - borrow;
        borrow = (a.L3 < b.L3 || (borrow == 1 && a.L3 == b.L3)) ? 1UL : 0UL;
        if (borrow == 0) return new Bn254Scalar(d0, d1, d2, d3);
        // Went below zero: add r back (the wrap-around cancels the borrow).
        var e0 = d0 + Q0;
        var c = e0 < d0 ? 1UL : 0UL;
        var e1 = d1 + Q1 + c;
        c = (e1 < d1 || (c == 1 && e1 == d1)) ? 1UL : 0UL;
        var e2 = d2 + Q2 + c;
        c = (e2 < d2 || (c == 1 && e2 == d2)) ? 1UL : 0UL;
        return new Bn254Scalar(e0, e1, e2, d3 + Q3 + c);
    }

    /// <summary>a · b mod r (Montgomery product: CIOS without the final carry word).</summary>
    // Deliberately not inlined: inlining this body at every call site exhausts the JIT's inlining budget
    // in the permutation, which then leaves even span slicing and the constructor as calls.
    public static Bn254Scalar Multiply(in Bn254Scalar a, in Bn254Scalar b)
    {
        ulong t0, t1, t2, t3, c0, c1, c2, m, v;

        v = a.L0;
        c1 = WideMultiply.High(v, b.L0);
        c0 = v * b.L0;
        m = c0 * QInvNeg;
        c2 = MulAddHigh(m, Q0, c0);
        c1 = MulAdd(v, b.L1, c1, out c0);
        c2 = MulAdd(m, Q1, c2, c0, out t0);
        c1 = MulAdd(v, b.L2, c1, out c0);
        c2 = MulAdd(m, Q2, c2, c0, out t1);
        c1 = MulAdd(v, b.L3, c1, out c0);
        t3 = MulAdd(m, Q3, c0, c2, out t2) + c1;

        v = a.L1;
        c1 = MulAdd(v, b.L0, t0, out c0);
        m = c0 * QInvNeg;
        c2 = MulAddHigh(m, Q0, c0);
        c1 = MulAdd(v, b.L1, c1, t1, out c0);
        c2 = MulAdd(m, Q1, c2, c0, out t0);
        c1 = MulAdd(v, b.L2, c1, t2, out c0);
        c2 = MulAdd(m, Q2, c2, c0, out t1);
        c1 = MulAdd(v, b.L3, c1, t3, out c0);
        t3 = MulAdd(m, Q3, c0, c2, out t2) + c1;

        v = a.L2;
        c1 = MulAdd(v, b.L0, t0, out c0);
        m = c0 * QInvNeg;
        c2 = MulAddHigh(m, Q0, c0);
        c1 = MulAdd(v, b.L1, c1, t1, out c0);
        c2 = MulAdd(m, Q1, c2, c0, out t0);
        c1 = MulAdd(v, b.L2, c1, t2, out c0);
        c2 = MulAdd(m, Q2, c2, c0, out t1);
        c1 = MulAdd(v, b.L3, c1, t3, out c0);
        t3 = MulAdd(m, Q3, c0, c2, out t2) + c1;

        v = a.L3;
        c1 = MulAdd(v, b.L0, t0, out c0);
        m = c0 * QInvNeg;
        c2 = MulAddHigh(m, Q0, c0);
        c1 = MulAdd(v, b.L1, c1, t1, out c0);
        c2 = MulAdd(m, Q1, c2, c0, out t0);
        c1 = MulAdd(v, b.L2, c1, t2, out c0);
        c2 = MulAdd(m, Q2, c2, c0, out t1);
        c1 = MulAdd(v, b.L3, c1, t3, out c0);
        t3 = MulAdd(m, Q3, c0, c2, out t2) + c1;

        return ReduceOnce(t0, t1, t2, t3);
    }

    /// <summary>a² mod r.</summary>
    public static Bn254Scalar Square(in Bn254Scalar a) => Multiply(a, a);

    /// <summary>a⁵ mod r, Poseidon's S-box.</summary>
    public static Bn254Scalar Pow5(in Bn254Scalar a)
    {
        var a2 = Multiply(a, a);
        var a4 = Multiply(a2, a2);
        return Multiply(a4, a);
    }

    /// <summary>The multiplicative inverse (a^(r−2)); throws for zero, which has none.</summary>
    public static Bn254Scalar Inverse(in Bn254Scalar a)
    {
        if (a.IsZero) throw new DivideByZeroException("zero has no inverse in the BN254 scalar field");
        ReadOnlySpan<ulong> exponent = [Q0 - 2, Q1, Q2, Q3];
        var result = One;
        for (var limb = 3; limb >= 0; limb--)
        {
            for (var bit = 63; bit >= 0; bit--)
            {
                result = Multiply(result, result);
                if (((exponent[limb] >> bit) & 1) != 0) result = Multiply(result, a);
            }
        }
        return result;
    }

    /// <summary>a + b mod r.</summary>
    public static Bn254Scalar operator +(Bn254Scalar a, Bn254Scalar b) => Add(a, b);

    /// <summary>a − b mod r.</summary>
    public static Bn254Scalar operator -(Bn254Scalar a, Bn254Scalar b) => Subtract(a, b);

    /// <summary>a · b mod r.</summary>
    public static Bn254Scalar operator *(Bn254Scalar a, Bn254Scalar b) => Multiply(a, b);

    /// <summary>Equality.</summary>
    public static bool operator ==(Bn254Scalar left, Bn254Scalar right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Bn254Scalar left, Bn254Scalar right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(Bn254Scalar other) => L0 == other.L0 && L1 == other.L1 && L2 == other.L2 && L3 == other.L3;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Bn254Scalar other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);

    /// <summary>The canonical value in decimal.</summary>
    public override string ToString() => ToBigInteger().ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Subtracts r once when the value (below 2r) is not below r; the limbs keep whatever form they had.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Bn254Scalar ReduceOnce(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if (IsBelowModulus(s0, s1, s2, s3)) return new Bn254Scalar(s0, s1, s2, s3);
        var d0 = s0 - Q0;
        var borrow = s0 < Q0 ? 1UL : 0UL;
        var d1 = s1 - Q1 - borrow;
        borrow = (s1 < Q1 || (borrow == 1 && s1 == Q1)) ? 1UL : 0UL;
        var d2 = s2 - Q2 - borrow;
        borrow = (s2 < Q2 || (borrow == 1 && s2 == Q2)) ? 1UL : 0UL;
        return new Bn254Scalar(d0, d1, d2, s3 - Q3 - borrow);
    }

    // High word of a·b + c.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAddHigh(ulong a, ulong b, ulong c)
    {
        var hi = WideMultiply.High(a, b);
        var lo = a * b;
        return hi + ((lo + c) < lo ? 1UL : 0UL);
    }

    // a·b + c as (high, low).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong a, ulong b, ulong c, out ulong lo)
    {
        var hi = WideMultiply.High(a, b);
        lo = a * b;
        lo += c;
        return hi + (lo < c ? 1UL : 0UL);
    }

    // a·b + c + d as (high, low); cannot overflow 128 bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong a, ulong b, ulong c, ulong d, out ulong lo)
    {
        var hi = WideMultiply.High(a, b);
        lo = a * b;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        lo += d;
        return hi + (lo < d ? 1UL : 0UL);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// BN254 scalar field arithmetic on eight independent elements at once, one per 64-bit lane of a
/// <see cref="Vector512{T}"/>. An element is five 51-bit limbs, least significant first, in Montgomery form
/// with R = 2^306 (six reduction steps of 51 bits). Limb products are exact in doubles, split in two by
/// <see cref="IProductSplit"/>, and summed as integers in eleven columns, so a dot product of up to
/// <see cref="MaxTerms"/> terms needs one Montgomery reduction, as in <see cref="Bn254DotProduct"/>.
/// </summary>
/// <remarks>
/// <para>Operands of dot products are <see cref="OperandSize"/> doubles: the five limbs, then the ten pair sums
/// x_i + x_j (i &lt; j, below 2^52), so that each term costs 15 limb products instead of 25 (Karatsuba per
/// pair: x_i·y_j + x_j·y_i = (x_i + x_j)(y_i + y_j) − x_i·y_i − x_j·y_j, the diagonal products summed over
/// all terms apart and subtracted once per dot product; columns may go negative, carries are signed).</para>
/// <para>Bounds: products take elements below 2^255 with normalised limbs (each below 2^51). A reduction
/// returns T/2^306 + (below r) for the sum T of products, which for 32 terms below 2^255·r is below
/// r + 2^209: elements stay below r plus a sliver, sums of two below 2r + a sliver. The conditional
/// subtraction of r is done only where a value would otherwise grow (a dot product with a bias) and for
/// the final canonical value. Columns stay below 2^62 in magnitude.</para>
/// </remarks>
internal static class Bn254Lanes
{
    /// <summary>Field elements per vector.</summary>
    public static readonly int Lanes = Vector512<ulong>.Count;

    /// <summary>Limbs per element.</summary>
    public const int Limbs = 5;

    /// <summary>Doubles per dot-product operand: the limbs and the ten pair sums.</summary>
    public const int OperandSize = Limbs + Limbs * (Limbs - 1) / 2;

    /// <summary>Bits per limb.</summary>
    public const int LimbBits = 51;

    /// <summary>Reduction steps of <see cref="LimbBits"/> bits: R = 2^306.</summary>
    public const int ReductionSteps = 6;

    /// <summary>The most terms one dot product may hold.</summary>
    public const int MaxTerms = 32;

    /// <summary>2^52: every low part is returned plus this.</summary>
    public const double Two52 = 4503599627370496.0;

    /// <summary>Mask of one limb.</summary>
    public const ulong LimbMask = (1UL << LimbBits) - 1;

    // r in 51-bit limbs.
    internal const ulong P0 = 0x1f593f0000001, P1 = 0x10f372e12287c, P2 = 0x6056174a0cfa1, P3 = 0x14dc2822db40, P4 = 0x30644e72e131a;

    // −r⁻¹ mod 2^51 = FactorMultiplier·2^FactorShift − 1 (r ≡ 1 mod 2^28).
    internal const uint FactorMultiplier = 0x1f593f;
    internal const int FactorShift = 28;

    /// <summary>Columns of an unreduced product: ten for the limb products, one for the carry.</summary>
    internal const int Columns = 2 * Limbs + 1;

    // Anchors of the two splits: at 2^51 (products below 2^103) and at 2^52 (pair-sum products below 2^104).
    internal const double Anchor51 = 10141204801825835211973625643008.0, Anchor52 = 2 * Anchor51;
    internal static readonly ulong LowBias = BitConverter.DoubleToUInt64Bits(Two52);
    internal static readonly ulong HighBias51 = BitConverter.DoubleToUInt64Bits(Anchor51), HighBias52 = BitConverter.DoubleToUInt64Bits(Anchor52);


    /// <summary>Splits a value below 2^255 into limbs.</summary>
    public static void ToLimbs(BigInteger value, Span<ulong> limbs)
    {
        for (var i = 0; i < Limbs; i++) limbs[i] = (ulong)((value >> (LimbBits * i)) & LimbMask);
    }

    /// <summary>The value of five limbs (the last one may be wider).</summary>
    public static BigInteger FromLimbs(ReadOnlySpan<ulong> limbs)
    {
        var value = BigInteger.Zero;
        for (var i = Limbs - 1; i >= 0; i--) value = (value << LimbBits) + limbs[i];
        return value;
    }

    /// <summary><paramref name="element"/>'s Montgomery form here, x·2^306 mod r.</summary>
    public static BigInteger ToMontgomery(Bn254Scalar element) =>
        (element.ToBigInteger() << (ReductionSteps * LimbBits)) % Bn254Scalar.Modulus;

    /// <summary>The dot-product operand of a value below 2^255: limbs, then pair sums (as the same constant in every lane).</summary>
    public static void ToOperand(BigInteger value, Span<double> operand)
    {
        Span<ulong> limbs = stackalloc ulong[Limbs];
        ToLimbs(value, limbs);
        for (var i = 0; i < Limbs; i++) operand[i] = limbs[i];
        var at = Limbs;
        for (var i = 0; i < Limbs; i++)
        {
            for (var j = i + 1; j < Limbs; j++) operand[at++] = limbs[i] + limbs[j];
        }
    }

    /// <summary>Converts normalised limbs to doubles (exact: each limb is below 2^51).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ToDoubles(ReadOnlySpan<Vector512<ulong>> limbs, Span<Vector512<double>> doubles)
    {
        for (var i = 0; i < Limbs; i++) doubles[i] = Vector512.ConvertToDouble(limbs[i]);
    }

    /// <summary>The dot-product operands of consecutive elements: five limbs each in, <see cref="OperandSize"/> doubles each out.</summary>
    public static void ToOperands(ReadOnlySpan<Vector512<ulong>> limbs, Span<Vector512<double>> operands)
    {
        var count = limbs.Length / Limbs;
        for (var e = 0; e < count; e++)
        {
            var source = limbs.Slice(e * Limbs, Limbs);
            var x = operands.Slice(e * OperandSize, OperandSize);
            var x0 = x[0] = Vector512.ConvertToDouble(source[0]);
            var x1 = x[1] = Vector512.ConvertToDouble(source[1]);
            var x2 = x[2] = Vector512.ConvertToDouble(source[2]);
            var x3 = x[3] = Vector512.ConvertToDouble(source[3]);
            var x4 = x[4] = Vector512.ConvertToDouble(source[4]);
            x[5] = x0 + x1;
            x[6] = x0 + x2;
            x[7] = x0 + x3;
            x[8] = x0 + x4;
            x[9] = x1 + x2;
            x[10] = x1 + x3;
            x[11] = x1 + x4;
            x[12] = x2 + x3;
            x[13] = x2 + x4;
            x[14] = x3 + x4;
        }
    }

    /// <summary>result = a + b limb by limb, carries normalised (the sum must stay below 2^255).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ReadOnlySpan<Vector512<ulong>> a, ReadOnlySpan<ulong> b, Span<Vector512<ulong>> result)
    {
        var mask = Vector512.Create(LimbMask);
        var s0 = a[0] + Vector512.Create(b[0]);
        var s1 = a[1] + Vector512.Create(b[1]) + Vector512.ShiftRightLogical(s0, LimbBits);
        var s2 = a[2] + Vector512.Create(b[2]) + Vector512.ShiftRightLogical(s1, LimbBits);
        var s3 = a[3] + Vector512.Create(b[3]) + Vector512.ShiftRightLogical(s2, LimbBits);
        var s4 = a[4] + Vector512.Create(b[4]) + Vector512.ShiftRightLogical(s3, LimbBits);
        result[0] = s0 & mask;
        result[1] = s1 & mask;
        result[2] = s2 & mask;
        result[3] = s3 & mask;
        result[4] = s4;
    }

    /// <summary>Reduces a canonical-plus-sliver element to canonical: one conditional subtraction of r.</summary>
    public static void ReduceCanonical(Span<Vector512<ulong>> value) => Bn254LaneReduction.SubtractModulusIfAbove(value[0], value[1], value[2], value[3], value[4], value);
}

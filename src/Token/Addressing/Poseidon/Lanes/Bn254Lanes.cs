using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// BN254 scalar field arithmetic on eight independent elements at once, one per 64-bit lane of a
/// <see cref="Vector512{T}"/>. An element is five 52-bit limbs, least significant first, in Montgomery form
/// with R = 2^260. Limb products are exact in doubles (52 × 52 bits, split in two by
/// <see cref="IProductSplit"/>) and summed as integers in ten columns, so a dot product of up to
/// <see cref="MaxTerms"/> terms needs one Montgomery reduction, as in <see cref="Bn254DotProduct"/>.
/// </summary>
/// <remarks>
/// Bounds: stored elements are below 2r with normalised limbs (each below 2^52). A product or dot product
/// of n ≤ 32 terms with one side below r and the other below 2r, or of two factors below 3r, reduces to
/// T/2^260 + r &lt; 2r, and one conditional subtraction of r follows. Columns stay below 2^60.
/// </remarks>
internal static class Bn254Lanes
{
    /// <summary>Field elements per vector.</summary>
    public static readonly int Lanes = Vector512<ulong>.Count;

    /// <summary>Limbs per element.</summary>
    public const int Limbs = 5;

    /// <summary>Bits per limb.</summary>
    public const int LimbBits = 52;

    /// <summary>The most terms one dot product may hold: n·2r·r / 2^260 stays below r up to n = 42; columns allow far more.</summary>
    public const int MaxTerms = 32;

    /// <summary>2^52, 2^104 and their sum, the anchors of <see cref="IProductSplit"/>.</summary>
    public const double Two52 = 4503599627370496.0, Two104 = 20282409603651670423947251286016.0, Two104PlusTwo52 = Two104 + Two52;

    /// <summary>Mask of one limb.</summary>
    public const ulong LimbMask = (1UL << LimbBits) - 1;

    // r in 52-bit limbs.
    internal const ulong P0 = 0x1f593f0000001, P1 = 0x4879b9709143e, P2 = 0x181585d2833e8, P3 = 0xa029b85045b68, P4 = 0x30644e72e131;

    // −r⁻¹ mod 2^52.
    private const ulong PInv = 0x1f593efffffff;

    // Bit patterns of 2^52 and 2^104: every low half is summed with the first, every high half with the second.
    private static readonly ulong LowBias = BitConverter.DoubleToUInt64Bits(Two52), HighBias = BitConverter.DoubleToUInt64Bits(Two104);

    // Column k's starting value for n terms (plus the reduction's five products, one more "term"): minus the
    // exponent bits its halves will bring. Both biases are multiples of 2^52, so the low 52 bits that the
    // reduction reads are exact at every step; the column's full value is exact once all its halves are in.
    private static readonly ulong[] ColumnStart = BuildColumnStarts();

    /// <summary>Splits a canonical value below 2^260 into limbs.</summary>
    public static void ToLimbs(BigInteger value, Span<ulong> limbs)
    {
        for (var i = 0; i < Limbs; i++) limbs[i] = (ulong)((value >> (LimbBits * i)) & LimbMask);
    }

    /// <summary>The value of five limbs.</summary>
    public static BigInteger FromLimbs(ReadOnlySpan<ulong> limbs)
    {
        var value = BigInteger.Zero;
        for (var i = Limbs - 1; i >= 0; i--) value = (value << LimbBits) | limbs[i];
        return value;
    }

    /// <summary>The limbs of <paramref name="element"/>'s Montgomery form here (x·2^260 mod r).</summary>
    public static void ToMontgomeryLimbs(Bn254Scalar element, Span<ulong> limbs) =>
        ToLimbs((element.ToBigInteger() << (Limbs * LimbBits)) % Bn254Scalar.Modulus, limbs);

    /// <summary>Converts limbs to doubles (exact: each limb is below 2^52).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ToDoubles(ReadOnlySpan<Vector512<ulong>> limbs, Span<Vector512<double>> doubles)
    {
        for (var i = 0; i < limbs.Length; i++) doubles[i] = Vector512.ConvertToDouble(limbs[i]);
    }

    /// <summary>result = a + b limb by limb, carries normalised (the sum must stay below 2^260).</summary>
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

    /// <summary>result = REDC(a · b): the Montgomery product of two elements given as limb doubles.</summary>
    public static void Multiply<TSplit>(ReadOnlySpan<Vector512<double>> a, ReadOnlySpan<Vector512<double>> b, Span<Vector512<ulong>> result)
        where TSplit : struct, IProductSplit
    {
        if (a.Length < Limbs || b.Length < Limbs || result.Length < Limbs) throw new ArgumentException("an element is five limbs");
        ref readonly var start = ref ColumnStart[Limbs * 2];
        var c0 = Vector512.Create(start);
        var c1 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 1));
        var c2 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 2));
        var c3 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 3));
        var c4 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 4));
        var c5 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 5));
        var c6 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 6));
        var c7 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 7));
        var c8 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 8));
        var c9 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 9));
        AccumulateTerm<TSplit>(a[0], a[1], a[2], a[3], a[4], b[0], b[1], b[2], b[3], b[4],
            ref c0, ref c1, ref c2, ref c3, ref c4, ref c5, ref c6, ref c7, ref c8, ref c9);
        Reduce<TSplit>(ref c0, ref c1, ref c2, ref c3, ref c4, ref c5, ref c6, ref c7, ref c8, ref c9, result);
    }

    /// <summary>
    /// result = REDC(bias·2^260 + Σ a[k]·b[k]) for n = a.Length / 5 terms: a holds per-lane elements as limb
    /// doubles, b the same constants for every lane. With R = 2^260 that is bias + Σ a·b in Montgomery form;
    /// pass an empty bias for none.
    /// </summary>
    public static void DotConstant<TSplit>(ReadOnlySpan<Vector512<double>> a, ReadOnlySpan<double> b, ReadOnlySpan<Vector512<ulong>> bias, Span<Vector512<ulong>> result)
        where TSplit : struct, IProductSplit
    {
        var n = a.Length / Limbs;
        if (a.Length != n * Limbs || b.Length != a.Length || n is 0 or > MaxTerms || result.Length < Limbs || (bias.Length != 0 && bias.Length < Limbs))
            throw new ArgumentException("a dot product takes 1 to 32 terms of five limbs on each side");
        ref readonly var start = ref ColumnStart[Limbs * 2 * n];
        var c0 = Vector512.Create(start);
        var c1 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 1));
        var c2 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 2));
        var c3 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 3));
        var c4 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 4));
        var c5 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 5));
        var c6 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 6));
        var c7 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 7));
        var c8 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 8));
        var c9 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 9));
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        for (var k = 0; k < n; k++)
        {
            AccumulateTerm<TSplit>(
                x, Unsafe.Add(ref x, 1), Unsafe.Add(ref x, 2), Unsafe.Add(ref x, 3), Unsafe.Add(ref x, 4),
                Vector512.Create(y), Vector512.Create(Unsafe.Add(ref y, 1)), Vector512.Create(Unsafe.Add(ref y, 2)),
                Vector512.Create(Unsafe.Add(ref y, 3)), Vector512.Create(Unsafe.Add(ref y, 4)),
                ref c0, ref c1, ref c2, ref c3, ref c4, ref c5, ref c6, ref c7, ref c8, ref c9);
            x = ref Unsafe.Add(ref x, Limbs);
            y = ref Unsafe.Add(ref y, Limbs);
        }
        if (bias.Length != 0)
        {
            c5 += bias[0];
            c6 += bias[1];
            c7 += bias[2];
            c8 += bias[3];
            c9 += bias[4];
        }
        Reduce<TSplit>(ref c0, ref c1, ref c2, ref c3, ref c4, ref c5, ref c6, ref c7, ref c8, ref c9, result);
    }

    // Adds the 25 limb products of x·y into the columns: x_i·y_j's low half to column i + j, its high half to i + j + 1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateTerm<TSplit>(
        Vector512<double> x0, Vector512<double> x1, Vector512<double> x2, Vector512<double> x3, Vector512<double> x4,
        Vector512<double> y0, Vector512<double> y1, Vector512<double> y2, Vector512<double> y3, Vector512<double> y4,
        ref Vector512<ulong> c0, ref Vector512<ulong> c1, ref Vector512<ulong> c2, ref Vector512<ulong> c3, ref Vector512<ulong> c4,
        ref Vector512<ulong> c5, ref Vector512<ulong> c6, ref Vector512<ulong> c7, ref Vector512<ulong> c8, ref Vector512<ulong> c9)
        where TSplit : struct, IProductSplit
    {
        MultiplyAccumulate<TSplit>(x0, y0, ref c0, ref c1);
        MultiplyAccumulate<TSplit>(x0, y1, ref c1, ref c2);
        MultiplyAccumulate<TSplit>(x1, y0, ref c1, ref c2);
        MultiplyAccumulate<TSplit>(x0, y2, ref c2, ref c3);
        MultiplyAccumulate<TSplit>(x1, y1, ref c2, ref c3);
        MultiplyAccumulate<TSplit>(x2, y0, ref c2, ref c3);
        MultiplyAccumulate<TSplit>(x0, y3, ref c3, ref c4);
        MultiplyAccumulate<TSplit>(x1, y2, ref c3, ref c4);
        MultiplyAccumulate<TSplit>(x2, y1, ref c3, ref c4);
        MultiplyAccumulate<TSplit>(x3, y0, ref c3, ref c4);
        MultiplyAccumulate<TSplit>(x0, y4, ref c4, ref c5);
        MultiplyAccumulate<TSplit>(x1, y3, ref c4, ref c5);
        MultiplyAccumulate<TSplit>(x2, y2, ref c4, ref c5);
        MultiplyAccumulate<TSplit>(x3, y1, ref c4, ref c5);
        MultiplyAccumulate<TSplit>(x4, y0, ref c4, ref c5);
        MultiplyAccumulate<TSplit>(x1, y4, ref c5, ref c6);
        MultiplyAccumulate<TSplit>(x2, y3, ref c5, ref c6);
        MultiplyAccumulate<TSplit>(x3, y2, ref c5, ref c6);
        MultiplyAccumulate<TSplit>(x4, y1, ref c5, ref c6);
        MultiplyAccumulate<TSplit>(x2, y4, ref c6, ref c7);
        MultiplyAccumulate<TSplit>(x3, y3, ref c6, ref c7);
        MultiplyAccumulate<TSplit>(x4, y2, ref c6, ref c7);
        MultiplyAccumulate<TSplit>(x3, y4, ref c7, ref c8);
        MultiplyAccumulate<TSplit>(x4, y3, ref c7, ref c8);
        MultiplyAccumulate<TSplit>(x4, y4, ref c8, ref c9);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAccumulate<TSplit>(Vector512<double> x, Vector512<double> y, ref Vector512<ulong> low, ref Vector512<ulong> high)
        where TSplit : struct, IProductSplit
    {
        TSplit.Split(x, y, out var hi, out var lo);
        low += lo;
        high += hi;
    }

    // Montgomery reduction of the ten columns (five word steps: add m·r so that the lowest column is a
    // multiple of 2^52, carry it up), then one conditional subtraction of r; writes five normalised limbs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce<TSplit>(
        ref Vector512<ulong> c0, ref Vector512<ulong> c1, ref Vector512<ulong> c2, ref Vector512<ulong> c3, ref Vector512<ulong> c4,
        ref Vector512<ulong> c5, ref Vector512<ulong> c6, ref Vector512<ulong> c7, ref Vector512<ulong> c8, ref Vector512<ulong> c9,
        Span<Vector512<ulong>> result)
        where TSplit : struct, IProductSplit
    {
        ReduceStep<TSplit>(ref c0, ref c1, ref c2, ref c3, ref c4, ref c5);
        ReduceStep<TSplit>(ref c1, ref c2, ref c3, ref c4, ref c5, ref c6);
        ReduceStep<TSplit>(ref c2, ref c3, ref c4, ref c5, ref c6, ref c7);
        ReduceStep<TSplit>(ref c3, ref c4, ref c5, ref c6, ref c7, ref c8);
        ReduceStep<TSplit>(ref c4, ref c5, ref c6, ref c7, ref c8, ref c9);

        var mask = Vector512.Create(LimbMask);
        c6 += Vector512.ShiftRightLogical(c5, LimbBits);
        c5 &= mask;
        c7 += Vector512.ShiftRightLogical(c6, LimbBits);
        c6 &= mask;
        c8 += Vector512.ShiftRightLogical(c7, LimbBits);
        c7 &= mask;
        c9 += Vector512.ShiftRightLogical(c8, LimbBits);
        c8 &= mask;

        // d = c − r with signed borrows; keep c where d went negative.
        var d0 = (c5 - Vector512.Create(P0)).AsInt64();
        var d1 = (c6 - Vector512.Create(P1)).AsInt64() + Vector512.ShiftRightArithmetic(d0, LimbBits);
        var d2 = (c7 - Vector512.Create(P2)).AsInt64() + Vector512.ShiftRightArithmetic(d1, LimbBits);
        var d3 = (c8 - Vector512.Create(P3)).AsInt64() + Vector512.ShiftRightArithmetic(d2, LimbBits);
        var d4 = (c9 - Vector512.Create(P4)).AsInt64() + Vector512.ShiftRightArithmetic(d3, LimbBits);
        var negative = Vector512.ShiftRightArithmetic(d4, 63).AsUInt64();
        result[0] = Vector512.ConditionalSelect(negative, c5, d0.AsUInt64() & mask);
        result[1] = Vector512.ConditionalSelect(negative, c6, d1.AsUInt64() & mask);
        result[2] = Vector512.ConditionalSelect(negative, c7, d2.AsUInt64() & mask);
        result[3] = Vector512.ConditionalSelect(negative, c8, d3.AsUInt64() & mask);
        result[4] = Vector512.ConditionalSelect(negative, c9, d4.AsUInt64());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReduceStep<TSplit>(
        ref Vector512<ulong> c0, ref Vector512<ulong> c1, ref Vector512<ulong> c2, ref Vector512<ulong> c3, ref Vector512<ulong> c4, ref Vector512<ulong> c5)
        where TSplit : struct, IProductSplit
    {
        // Only c0's low 52 bits matter for m, and they are exact whatever halves are still to come.
        var m = Vector512.ConvertToDouble((c0 * Vector512.Create(PInv)) & Vector512.Create(LimbMask));
        MultiplyAccumulate<TSplit>(m, Vector512.Create((double)P0), ref c0, ref c1);
        MultiplyAccumulate<TSplit>(m, Vector512.Create((double)P1), ref c1, ref c2);
        MultiplyAccumulate<TSplit>(m, Vector512.Create((double)P2), ref c2, ref c3);
        MultiplyAccumulate<TSplit>(m, Vector512.Create((double)P3), ref c3, ref c4);
        MultiplyAccumulate<TSplit>(m, Vector512.Create((double)P4), ref c4, ref c5);
        // c0 is now complete and a multiple of 2^52.
        c1 += Vector512.ShiftRightLogical(c0, LimbBits);
    }

    private static ulong[] BuildColumnStarts()
    {
        var starts = new ulong[(MaxTerms + 1) * Limbs * 2];
        for (var n = 1; n <= MaxTerms; n++)
        {
            for (var k = 0; k < Limbs * 2; k++)
            {
                // Products with i + j = k: their low halves land in column k, the high halves of i + j = k − 1 too.
                var lows = (ulong)Math.Max(0, Limbs - Math.Abs(k - (Limbs - 1)));
                var highs = k == 0 ? 0UL : (ulong)Math.Max(0, Limbs - Math.Abs(k - 1 - (Limbs - 1)));
                starts[n * Limbs * 2 + k] = unchecked(0UL - ((ulong)n + 1) * (lows * LowBias + highs * HighBias));
            }
        }
        return starts;
    }
}

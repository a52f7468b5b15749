using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    // −r⁻¹ mod 2^51.
    private const ulong PInv = 0x1f593efffffff;

    private const int Columns = 2 * Limbs + 1;

    // Anchors of the two splits: at 2^51 (products below 2^103) and at 2^52 (pair-sum products below 2^104).
    internal const double Anchor51 = 10141204801825835211973625643008.0, Anchor52 = 2 * Anchor51;
    private static readonly ulong LowBias = BitConverter.DoubleToUInt64Bits(Two52);
    private static readonly ulong HighBias51 = BitConverter.DoubleToUInt64Bits(Anchor51), HighBias52 = BitConverter.DoubleToUInt64Bits(Anchor52);

    // Each column's starting value: minus the exponent bits its halves will bring (a 52-split high half
    // is added twice, its unit being two columns' 2^51). The biases are multiples of 2^52, so the low 51
    // bits a reduction step reads are exact at every step; a column's value is exact once all its parts are in.
    private static readonly ulong[] DotStarts = BuildDotStarts();
    private static readonly ulong[] SquareStarts = BuildSquareStarts();

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

    /// <summary>result = REDC(a · b) for two elements given as operands (<see cref="ToOperands"/>): Karatsuba, 15 limb products.</summary>
    public static void MultiplyOperands<TSplit>(ReadOnlySpan<Vector512<double>> a, ReadOnlySpan<Vector512<double>> b, Span<Vector512<ulong>> result)
        where TSplit : struct, IProductSplit
    {
        if (a.Length < OperandSize || b.Length < OperandSize || result.Length < Limbs) throw new ArgumentException("an operand is fifteen doubles");
        var a51 = Vector512.Create(Anchor51);
        var a51Low = Vector512.Create(Anchor51 + Two52);
        var u51 = Vector512.Create(Two52 / 2);
        var a52 = Vector512.Create(Anchor52);
        var a52Low = Vector512.Create(Anchor52 + Two52);
        var u52 = Vector512.Create(Two52);
        var diagonalLowStart = Vector512.Create(unchecked(0UL - LowBias));
        var diagonalHighStart = Vector512.Create(unchecked(0UL - HighBias51));
        Vector512<ulong> dl0 = diagonalLowStart, dl1 = diagonalLowStart, dl2 = diagonalLowStart, dl3 = diagonalLowStart, dl4 = diagonalLowStart;
        Vector512<ulong> dh0 = diagonalHighStart, dh1 = diagonalHighStart, dh2 = diagonalHighStart, dh3 = diagonalHighStart, dh4 = diagonalHighStart;
        LoadStarts(DotStarts.AsSpan(Columns, Columns), out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6, out var c7, out var c8, out var c9, out var c10);
        Product<TSplit>(a[0], b[0], a51, a51Low, u51, ref dl0, ref dh0);
        Product<TSplit>(a[1], b[1], a51, a51Low, u51, ref dl1, ref dh1);
        Product<TSplit>(a[2], b[2], a51, a51Low, u51, ref dl2, ref dh2);
        Product<TSplit>(a[3], b[3], a51, a51Low, u51, ref dl3, ref dh3);
        Product<TSplit>(a[4], b[4], a51, a51Low, u51, ref dl4, ref dh4);
        CrossProduct<TSplit>(a[5], b[5], a52, a52Low, u52, ref c1, ref c2);
        CrossProduct<TSplit>(a[6], b[6], a52, a52Low, u52, ref c2, ref c3);
        CrossProduct<TSplit>(a[7], b[7], a52, a52Low, u52, ref c3, ref c4);
        CrossProduct<TSplit>(a[8], b[8], a52, a52Low, u52, ref c4, ref c5);
        CrossProduct<TSplit>(a[9], b[9], a52, a52Low, u52, ref c3, ref c4);
        CrossProduct<TSplit>(a[10], b[10], a52, a52Low, u52, ref c4, ref c5);
        CrossProduct<TSplit>(a[11], b[11], a52, a52Low, u52, ref c5, ref c6);
        CrossProduct<TSplit>(a[12], b[12], a52, a52Low, u52, ref c5, ref c6);
        CrossProduct<TSplit>(a[13], b[13], a52, a52Low, u52, ref c6, ref c7);
        CrossProduct<TSplit>(a[14], b[14], a52, a52Low, u52, ref c7, ref c8);
        FoldDiagonals(ref c0, ref c1, ref c2, ref c3, ref c4, ref c5, ref c6, ref c7, ref c8, ref c9, dl0, dl1, dl2, dl3, dl4, dh0, dh1, dh2, dh3, dh4);
        Reduce<TSplit>(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, default, false, result);
    }

    /// <summary>result = REDC(a²) for an element given as limb doubles (15 limb products: x_j·2x_i for i &lt; j).</summary>
    public static void Square<TSplit>(ReadOnlySpan<Vector512<double>> a, Span<Vector512<ulong>> result)
        where TSplit : struct, IProductSplit
    {
        if (a.Length < Limbs || result.Length < Limbs) throw new ArgumentException("an element is five limbs");
        var anchor = Vector512.Create(Anchor51);
        var anchorLow = Vector512.Create(Anchor51 + Two52);
        var unit = Vector512.Create(Two52 / 2);
        LoadStarts(SquareStarts, out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6, out var c7, out var c8, out var c9, out var c10);
        Vector512<double> x0 = a[0], x1 = a[1], x2 = a[2], x3 = a[3], x4 = a[4];
        // Doubled limbs are below 2^52, so x_j·2x_i stays below 2^103.
        Vector512<double> d0 = x0 + x0, d1 = x1 + x1, d2 = x2 + x2, d3 = x3 + x3;
        Product<TSplit>(x0, x0, anchor, anchorLow, unit, ref c0, ref c1);
        Product<TSplit>(x1, d0, anchor, anchorLow, unit, ref c1, ref c2);
        Product<TSplit>(x2, d0, anchor, anchorLow, unit, ref c2, ref c3);
        Product<TSplit>(x1, x1, anchor, anchorLow, unit, ref c2, ref c3);
        Product<TSplit>(x3, d0, anchor, anchorLow, unit, ref c3, ref c4);
        Product<TSplit>(x2, d1, anchor, anchorLow, unit, ref c3, ref c4);
        Product<TSplit>(x4, d0, anchor, anchorLow, unit, ref c4, ref c5);
        Product<TSplit>(x3, d1, anchor, anchorLow, unit, ref c4, ref c5);
        Product<TSplit>(x2, x2, anchor, anchorLow, unit, ref c4, ref c5);
        Product<TSplit>(x4, d1, anchor, anchorLow, unit, ref c5, ref c6);
        Product<TSplit>(x3, d2, anchor, anchorLow, unit, ref c5, ref c6);
        Product<TSplit>(x4, d2, anchor, anchorLow, unit, ref c6, ref c7);
        Product<TSplit>(x3, x3, anchor, anchorLow, unit, ref c6, ref c7);
        Product<TSplit>(x4, d3, anchor, anchorLow, unit, ref c7, ref c8);
        Product<TSplit>(x4, x4, anchor, anchorLow, unit, ref c8, ref c9);
        Reduce<TSplit>(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, default, false, result);
    }

    /// <summary>
    /// result = REDC(bias·2^306 + Σ a[k]·b[k]) for n = a.Length / <see cref="OperandSize"/> terms: a holds per-lane
    /// operands, b the same constants for every lane, both as <see cref="ToOperands"/> lays them out. With
    /// R = 2^306 that is bias + Σ a·b in Montgomery form; pass an empty bias for none. With a bias (which
    /// would otherwise grow by up to r per call) the result is reduced once more by a conditional subtraction.
    /// </summary>
    public static void DotConstant<TSplit>(ReadOnlySpan<Vector512<double>> a, ReadOnlySpan<double> b, ReadOnlySpan<Vector512<ulong>> bias, Span<Vector512<ulong>> result)
        where TSplit : struct, IProductSplit
    {
        var n = a.Length / OperandSize;
        if (a.Length != n * OperandSize || b.Length != a.Length || n is 0 or > MaxTerms || result.Length < Limbs || (bias.Length != 0 && bias.Length < Limbs))
            throw new ArgumentException("a dot product takes 1 to 32 terms of fifteen doubles on each side");
        var a51 = Vector512.Create(Anchor51);
        var a51Low = Vector512.Create(Anchor51 + Two52);
        var u51 = Vector512.Create(Two52 / 2);
        var a52 = Vector512.Create(Anchor52);
        var a52Low = Vector512.Create(Anchor52 + Two52);
        var u52 = Vector512.Create(Two52);

        // Diagonal products x_i·y_i, summed over the terms apart: start at minus the exponent bits.
        var diagonalLowStart = Vector512.Create(unchecked(0UL - (ulong)n * LowBias));
        var diagonalHighStart = Vector512.Create(unchecked(0UL - (ulong)n * HighBias51));
        Vector512<ulong> dl0 = diagonalLowStart, dl1 = diagonalLowStart, dl2 = diagonalLowStart, dl3 = diagonalLowStart, dl4 = diagonalLowStart;
        Vector512<ulong> dh0 = diagonalHighStart, dh1 = diagonalHighStart, dh2 = diagonalHighStart, dh3 = diagonalHighStart, dh4 = diagonalHighStart;
        ref readonly var start = ref DotStarts[n * Columns];
        var c0 = Vector512.Create(start);
        var c1 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 1));
        var c2 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 2));
        var c3 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 3));
        var c4 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 4));
        var c5 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 5));
        var c6 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 6));
        var c7 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 7));
        var c8 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 8));

        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        for (var k = 0; k < n; k++)
        {
            Diagonal<TSplit>(x, y, a51, a51Low, u51, ref dl0, ref dh0);
            Diagonal<TSplit>(Unsafe.Add(ref x, 1), Unsafe.Add(ref y, 1), a51, a51Low, u51, ref dl1, ref dh1);
            Diagonal<TSplit>(Unsafe.Add(ref x, 2), Unsafe.Add(ref y, 2), a51, a51Low, u51, ref dl2, ref dh2);
            Diagonal<TSplit>(Unsafe.Add(ref x, 3), Unsafe.Add(ref y, 3), a51, a51Low, u51, ref dl3, ref dh3);
            Diagonal<TSplit>(Unsafe.Add(ref x, 4), Unsafe.Add(ref y, 4), a51, a51Low, u51, ref dl4, ref dh4);
            Cross<TSplit>(Unsafe.Add(ref x, 5), Unsafe.Add(ref y, 5), a52, a52Low, u52, ref c1, ref c2);    // (0,1)
            Cross<TSplit>(Unsafe.Add(ref x, 6), Unsafe.Add(ref y, 6), a52, a52Low, u52, ref c2, ref c3);    // (0,2)
            Cross<TSplit>(Unsafe.Add(ref x, 7), Unsafe.Add(ref y, 7), a52, a52Low, u52, ref c3, ref c4);    // (0,3)
            Cross<TSplit>(Unsafe.Add(ref x, 8), Unsafe.Add(ref y, 8), a52, a52Low, u52, ref c4, ref c5);    // (0,4)
            Cross<TSplit>(Unsafe.Add(ref x, 9), Unsafe.Add(ref y, 9), a52, a52Low, u52, ref c3, ref c4);    // (1,2)
            Cross<TSplit>(Unsafe.Add(ref x, 10), Unsafe.Add(ref y, 10), a52, a52Low, u52, ref c4, ref c5);  // (1,3)
            Cross<TSplit>(Unsafe.Add(ref x, 11), Unsafe.Add(ref y, 11), a52, a52Low, u52, ref c5, ref c6);  // (1,4)
            Cross<TSplit>(Unsafe.Add(ref x, 12), Unsafe.Add(ref y, 12), a52, a52Low, u52, ref c5, ref c6);  // (2,3)
            Cross<TSplit>(Unsafe.Add(ref x, 13), Unsafe.Add(ref y, 13), a52, a52Low, u52, ref c6, ref c7);  // (2,4)
            Cross<TSplit>(Unsafe.Add(ref x, 14), Unsafe.Add(ref y, 14), a52, a52Low, u52, ref c7, ref c8);  // (3,4)
            x = ref Unsafe.Add(ref x, OperandSize);
            y = ref Unsafe.Add(ref y, OperandSize);
        }

        var c9 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 9));
        var c10 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 10));
        FoldDiagonals(ref c0, ref c1, ref c2, ref c3, ref c4, ref c5, ref c6, ref c7, ref c8, ref c9, dl0, dl1, dl2, dl3, dl4, dh0, dh1, dh2, dh3, dh4);
        Reduce<TSplit>(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, bias, bias.Length != 0, result);
    }

    // Column 2i gets the diagonal i itself; every pair column i + j gets minus diagonals i and j.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FoldDiagonals(
        ref Vector512<ulong> c0, ref Vector512<ulong> c1, ref Vector512<ulong> c2, ref Vector512<ulong> c3, ref Vector512<ulong> c4,
        ref Vector512<ulong> c5, ref Vector512<ulong> c6, ref Vector512<ulong> c7, ref Vector512<ulong> c8, ref Vector512<ulong> c9,
        Vector512<ulong> dl0, Vector512<ulong> dl1, Vector512<ulong> dl2, Vector512<ulong> dl3, Vector512<ulong> dl4,
        Vector512<ulong> dh0, Vector512<ulong> dh1, Vector512<ulong> dh2, Vector512<ulong> dh3, Vector512<ulong> dh4)
    {
        c0 += dl0;
        c1 += dh0 - dl1 - dl0;
        c2 += dl1 - dh1 - dh0 - dl0 - dl2;
        c3 += dh1 - dh0 - dh2 - dl0 - dl3 - dl1 - dl2;
        c4 += dl2 - dh0 - dh3 - dh1 - dh2 - dl0 - dl4 - dl1 - dl3;
        c5 += dh2 - dh0 - dh4 - dh1 - dh3 - dl1 - dl4 - dl2 - dl3;
        c6 += dl3 - dh1 - dh4 - dh2 - dh3 - dl2 - dl4;
        c7 += dh3 - dh2 - dh4 - dl3 - dl4;
        c8 += dl4 - dh3 - dh4;
        c9 += dh4;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CrossProduct<TSplit>(
        Vector512<double> x, Vector512<double> y, Vector512<double> anchor, Vector512<double> anchorLow, Vector512<double> unit, ref Vector512<ulong> low, ref Vector512<ulong> high)
        where TSplit : struct, IProductSplit
    {
        TSplit.Split(x, y, anchor, anchorLow, unit, out var hi, out var lo);
        low += lo;
        high += hi + hi;
    }

    /// <summary>Reduces a canonical-plus-sliver element to canonical: one conditional subtraction of r.</summary>
    public static void ReduceCanonical(Span<Vector512<ulong>> value) => SubtractModulusIfAbove(value[0], value[1], value[2], value[3], value[4], value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Diagonal<TSplit>(
        Vector512<double> x, double y, Vector512<double> anchor, Vector512<double> anchorLow, Vector512<double> unit, ref Vector512<ulong> low, ref Vector512<ulong> high)
        where TSplit : struct, IProductSplit
    {
        TSplit.Split(x, Vector512.Create(y), anchor, anchorLow, unit, out var hi, out var lo);
        low += lo;
        high += hi;
    }

    // A pair-sum product, split at 2^52: its high part is worth two units of the next 51-bit column.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Cross<TSplit>(
        Vector512<double> x, double y, Vector512<double> anchor, Vector512<double> anchorLow, Vector512<double> unit, ref Vector512<ulong> low, ref Vector512<ulong> high)
        where TSplit : struct, IProductSplit
    {
        TSplit.Split(x, Vector512.Create(y), anchor, anchorLow, unit, out var hi, out var lo);
        low += lo;
        high += hi + hi;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Product<TSplit>(
        Vector512<double> x, Vector512<double> y, Vector512<double> anchor, Vector512<double> anchorLow, Vector512<double> unit, ref Vector512<ulong> low, ref Vector512<ulong> high)
        where TSplit : struct, IProductSplit
    {
        TSplit.Split(x, y, anchor, anchorLow, unit, out var hi, out var lo);
        low += lo;
        high += hi;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadStarts(
        ReadOnlySpan<ulong> starts, out Vector512<ulong> c0, out Vector512<ulong> c1, out Vector512<ulong> c2, out Vector512<ulong> c3, out Vector512<ulong> c4,
        out Vector512<ulong> c5, out Vector512<ulong> c6, out Vector512<ulong> c7, out Vector512<ulong> c8, out Vector512<ulong> c9, out Vector512<ulong> c10)
    {
        c0 = Vector512.Create(starts[0]);
        c1 = Vector512.Create(starts[1]);
        c2 = Vector512.Create(starts[2]);
        c3 = Vector512.Create(starts[3]);
        c4 = Vector512.Create(starts[4]);
        c5 = Vector512.Create(starts[5]);
        c6 = Vector512.Create(starts[6]);
        c7 = Vector512.Create(starts[7]);
        c8 = Vector512.Create(starts[8]);
        c9 = Vector512.Create(starts[9]);
        c10 = Vector512.Create(starts[10]);
    }

    // Montgomery reduction of the eleven columns: six steps each add m·r so that the lowest column is a
    // multiple of 2^51 and carry it up (signed: the Karatsuba corrections may leave a column negative);
    // then the top five columns are normalised limbs, plus the bias, optionally conditionally reduced.
    // By value, not inlined: its callers are already large, and columns passed by reference would pin theirs to memory.
    private static void Reduce<TSplit>(
        Vector512<ulong> c0, Vector512<ulong> c1, Vector512<ulong> c2, Vector512<ulong> c3, Vector512<ulong> c4, Vector512<ulong> c5,
        Vector512<ulong> c6, Vector512<ulong> c7, Vector512<ulong> c8, Vector512<ulong> c9, Vector512<ulong> c10,
        ReadOnlySpan<Vector512<ulong>> bias, bool subtract, Span<Vector512<ulong>> result)
        where TSplit : struct, IProductSplit
    {
        if (bias.Length != 0)
        {
            c6 += bias[0];
            c7 += bias[1];
            c8 += bias[2];
            c9 += bias[3];
            c10 += bias[4];
        }
        ReduceStep<TSplit>(ref c0, ref c1, ref c2, ref c3, ref c4, ref c5);
        ReduceStep<TSplit>(ref c1, ref c2, ref c3, ref c4, ref c5, ref c6);
        ReduceStep<TSplit>(ref c2, ref c3, ref c4, ref c5, ref c6, ref c7);
        ReduceStep<TSplit>(ref c3, ref c4, ref c5, ref c6, ref c7, ref c8);
        ReduceStep<TSplit>(ref c4, ref c5, ref c6, ref c7, ref c8, ref c9);
        ReduceStep<TSplit>(ref c5, ref c6, ref c7, ref c8, ref c9, ref c10);

        var mask = Vector512.Create(LimbMask);
        var r0 = c6;
        var r1 = c7 + Vector512.ShiftRightArithmetic(r0.AsInt64(), LimbBits).AsUInt64();
        var r2 = c8 + Vector512.ShiftRightArithmetic(r1.AsInt64(), LimbBits).AsUInt64();
        var r3 = c9 + Vector512.ShiftRightArithmetic(r2.AsInt64(), LimbBits).AsUInt64();
        var r4 = c10 + Vector512.ShiftRightArithmetic(r3.AsInt64(), LimbBits).AsUInt64();
        r0 &= mask;
        r1 &= mask;
        r2 &= mask;
        r3 &= mask;
        if (subtract)
        {
            SubtractModulusIfAbove(r0, r1, r2, r3, r4, result);
            return;
        }
        result[0] = r0;
        result[1] = r1;
        result[2] = r2;
        result[3] = r3;
        result[4] = r4;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReduceStep<TSplit>(
        ref Vector512<ulong> c0, ref Vector512<ulong> c1, ref Vector512<ulong> c2, ref Vector512<ulong> c3, ref Vector512<ulong> c4, ref Vector512<ulong> c5)
        where TSplit : struct, IProductSplit
    {
        var anchor = Vector512.Create(Anchor51);
        var anchorLow = Vector512.Create(Anchor51 + Two52);
        var unit = Vector512.Create(Two52 / 2);
        // Only the low 51 bits of c0 matter for m, and they are exact whatever parts are still to come.
        var m = Vector512.ConvertToDouble((c0 * Vector512.Create(PInv)) & Vector512.Create(LimbMask));
        Product<TSplit>(m, Vector512.Create((double)P0), anchor, anchorLow, unit, ref c0, ref c1);
        Product<TSplit>(m, Vector512.Create((double)P1), anchor, anchorLow, unit, ref c1, ref c2);
        Product<TSplit>(m, Vector512.Create((double)P2), anchor, anchorLow, unit, ref c2, ref c3);
        Product<TSplit>(m, Vector512.Create((double)P3), anchor, anchorLow, unit, ref c3, ref c4);
        Product<TSplit>(m, Vector512.Create((double)P4), anchor, anchorLow, unit, ref c4, ref c5);
        // c0 is now complete and a multiple of 2^51.
        c1 += Vector512.ShiftRightArithmetic(c0.AsInt64(), LimbBits).AsUInt64();
    }

    // result = v − r where that is not negative, else v (v in normalised limbs).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SubtractModulusIfAbove(Vector512<ulong> v0, Vector512<ulong> v1, Vector512<ulong> v2, Vector512<ulong> v3, Vector512<ulong> v4, Span<Vector512<ulong>> result)
    {
        var mask = Vector512.Create(LimbMask);
        var d0 = (v0 - Vector512.Create(P0)).AsInt64();
        var d1 = (v1 - Vector512.Create(P1)).AsInt64() + Vector512.ShiftRightArithmetic(d0, LimbBits);
        var d2 = (v2 - Vector512.Create(P2)).AsInt64() + Vector512.ShiftRightArithmetic(d1, LimbBits);
        var d3 = (v3 - Vector512.Create(P3)).AsInt64() + Vector512.ShiftRightArithmetic(d2, LimbBits);
        var d4 = (v4 - Vector512.Create(P4)).AsInt64() + Vector512.ShiftRightArithmetic(d3, LimbBits);
        var negative = Vector512.ShiftRightArithmetic(d4, 63).AsUInt64();
        result[0] = Vector512.ConditionalSelect(negative, v0, d0.AsUInt64() & mask);
        result[1] = Vector512.ConditionalSelect(negative, v1, d1.AsUInt64() & mask);
        result[2] = Vector512.ConditionalSelect(negative, v2, d2.AsUInt64() & mask);
        result[3] = Vector512.ConditionalSelect(negative, v3, d3.AsUInt64() & mask);
        result[4] = Vector512.ConditionalSelect(negative, v4, d4.AsUInt64());
    }

    // Exponent bits a reduction's 30 products (51-split, m_s·r_j into columns s + j and s + j + 1) bring.
    private static ulong[] ReductionBiases()
    {
        var biases = new ulong[Columns];
        for (var s = 0; s < ReductionSteps; s++)
        {
            for (var j = 0; j < Limbs; j++)
            {
                biases[s + j] = unchecked(biases[s + j] + LowBias);
                biases[s + j + 1] = unchecked(biases[s + j + 1] + HighBias51);
            }
        }
        return biases;
    }

    // Squaring: products (i, j) with i ≤ j, all split at 2^51.
    private static ulong[] BuildSquareStarts()
    {
        var starts = ReductionBiases();
        for (var i = 0; i < Limbs; i++)
        {
            for (var j = i; j < Limbs; j++)
            {
                starts[i + j] = unchecked(starts[i + j] + LowBias);
                starts[i + j + 1] = unchecked(starts[i + j + 1] + HighBias51);
            }
        }
        for (var k = 0; k < Columns; k++) starts[k] = unchecked(0UL - starts[k]);
        return starts;
    }

    // Dot products of n terms: the ten pair-sum products per term, split at 2^52 (high part added twice);
    // the diagonal accumulators carry their own starts, and their biases cancel as they are folded in.
    private static ulong[] BuildDotStarts()
    {
        var starts = new ulong[(MaxTerms + 1) * Columns];
        var reduction = ReductionBiases();
        for (var n = 1; n <= MaxTerms; n++)
        {
            var biases = (ulong[])reduction.Clone();
            for (var i = 0; i < Limbs; i++)
            {
                for (var j = i + 1; j < Limbs; j++)
                {
                    biases[i + j] = unchecked(biases[i + j] + (ulong)n * LowBias);
                    biases[i + j + 1] = unchecked(biases[i + j + 1] + (ulong)n * 2 * HighBias52);
                }
            }
            for (var k = 0; k < Columns; k++) starts[n * Columns + k] = unchecked(0UL - biases[k]);
        }
        return starts;
    }
}

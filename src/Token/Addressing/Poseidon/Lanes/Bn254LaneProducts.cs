using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static Rollout.Token.Addressing.Poseidon.Lanes.Bn254Lanes;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// Products of <see cref="Bn254Lanes"/> elements: the Karatsuba product of two operands, the square, and the
/// lazily reduced dot product with per-lane constants that the permutation spends nearly all its time in.
/// Each sums its limb products into columns and ends in one <see cref="Bn254LaneReduction.Reduce{TSplit}"/>.
/// </summary>
internal static class Bn254LaneProducts
{
    // Each column's starting value: minus the exponent bits its parts will bring (a 52-split high part
    // is added twice, its unit being two columns' 2^51). The biases are multiples of 2^52, so the low 51
    // bits a reduction step reads are exact at every step; a column's value is exact once all its parts are in.
    private static readonly ulong[] DotStarts = BuildDotStarts();
    private static readonly ulong[] SquareStarts = BuildSquareStarts();

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
        Bn254LaneReduction.Product<TSplit>(a[0], b[0], a51, a51Low, u51, ref dl0, ref dh0);
        Bn254LaneReduction.Product<TSplit>(a[1], b[1], a51, a51Low, u51, ref dl1, ref dh1);
        Bn254LaneReduction.Product<TSplit>(a[2], b[2], a51, a51Low, u51, ref dl2, ref dh2);
        Bn254LaneReduction.Product<TSplit>(a[3], b[3], a51, a51Low, u51, ref dl3, ref dh3);
        Bn254LaneReduction.Product<TSplit>(a[4], b[4], a51, a51Low, u51, ref dl4, ref dh4);
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
        Bn254LaneReduction.Reduce<TSplit>(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, default, false, result);
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
        Bn254LaneReduction.Product<TSplit>(x0, x0, anchor, anchorLow, unit, ref c0, ref c1);
        Bn254LaneReduction.Product<TSplit>(x1, d0, anchor, anchorLow, unit, ref c1, ref c2);
        Bn254LaneReduction.Product<TSplit>(x2, d0, anchor, anchorLow, unit, ref c2, ref c3);
        Bn254LaneReduction.Product<TSplit>(x1, x1, anchor, anchorLow, unit, ref c2, ref c3);
        Bn254LaneReduction.Product<TSplit>(x3, d0, anchor, anchorLow, unit, ref c3, ref c4);
        Bn254LaneReduction.Product<TSplit>(x2, d1, anchor, anchorLow, unit, ref c3, ref c4);
        Bn254LaneReduction.Product<TSplit>(x4, d0, anchor, anchorLow, unit, ref c4, ref c5);
        Bn254LaneReduction.Product<TSplit>(x3, d1, anchor, anchorLow, unit, ref c4, ref c5);
        Bn254LaneReduction.Product<TSplit>(x2, x2, anchor, anchorLow, unit, ref c4, ref c5);
        Bn254LaneReduction.Product<TSplit>(x4, d1, anchor, anchorLow, unit, ref c5, ref c6);
        Bn254LaneReduction.Product<TSplit>(x3, d2, anchor, anchorLow, unit, ref c5, ref c6);
        Bn254LaneReduction.Product<TSplit>(x4, d2, anchor, anchorLow, unit, ref c6, ref c7);
        Bn254LaneReduction.Product<TSplit>(x3, x3, anchor, anchorLow, unit, ref c6, ref c7);
        Bn254LaneReduction.Product<TSplit>(x4, d3, anchor, anchorLow, unit, ref c7, ref c8);
        Bn254LaneReduction.Product<TSplit>(x4, x4, anchor, anchorLow, unit, ref c8, ref c9);
        Bn254LaneReduction.Reduce<TSplit>(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, default, false, result);
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
        // The pair-sum products' high parts are worth two units of their column: summed apart, doubled once.
        Vector512<ulong> e2 = default, e3 = default, e4 = default, e5 = default, e6 = default, e7 = default, e8 = default;
        for (var k = 0; k < n; k++)
        {
            ConstantProduct<TSplit>(x, y, a51, a51Low, u51, ref dl0, ref dh0);
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 1), Unsafe.Add(ref y, 1), a51, a51Low, u51, ref dl1, ref dh1);
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 2), Unsafe.Add(ref y, 2), a51, a51Low, u51, ref dl2, ref dh2);
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 3), Unsafe.Add(ref y, 3), a51, a51Low, u51, ref dl3, ref dh3);
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 4), Unsafe.Add(ref y, 4), a51, a51Low, u51, ref dl4, ref dh4);
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 5), Unsafe.Add(ref y, 5), a52, a52Low, u52, ref c1, ref e2);    // (0,1)
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 6), Unsafe.Add(ref y, 6), a52, a52Low, u52, ref c2, ref e3);    // (0,2)
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 7), Unsafe.Add(ref y, 7), a52, a52Low, u52, ref c3, ref e4);    // (0,3)
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 8), Unsafe.Add(ref y, 8), a52, a52Low, u52, ref c4, ref e5);    // (0,4)
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 9), Unsafe.Add(ref y, 9), a52, a52Low, u52, ref c3, ref e4);    // (1,2)
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 10), Unsafe.Add(ref y, 10), a52, a52Low, u52, ref c4, ref e5);  // (1,3)
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 11), Unsafe.Add(ref y, 11), a52, a52Low, u52, ref c5, ref e6);  // (1,4)
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 12), Unsafe.Add(ref y, 12), a52, a52Low, u52, ref c5, ref e6);  // (2,3)
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 13), Unsafe.Add(ref y, 13), a52, a52Low, u52, ref c6, ref e7);  // (2,4)
            ConstantProduct<TSplit>(Unsafe.Add(ref x, 14), Unsafe.Add(ref y, 14), a52, a52Low, u52, ref c7, ref e8);  // (3,4)
            x = ref Unsafe.Add(ref x, OperandSize);
            y = ref Unsafe.Add(ref y, OperandSize);
        }
        c2 += e2 + e2;
        c3 += e3 + e3;
        c4 += e4 + e4;
        c5 += e5 + e5;
        c6 += e6 + e6;
        c7 += e7 + e7;
        c8 += e8 + e8;

        var c9 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 9));
        var c10 = Vector512.Create(Unsafe.Add(ref Unsafe.AsRef(in start), 10));
        FoldDiagonals(ref c0, ref c1, ref c2, ref c3, ref c4, ref c5, ref c6, ref c7, ref c8, ref c9, dl0, dl1, dl2, dl3, dl4, dh0, dh1, dh2, dh3, dh4);
        Bn254LaneReduction.Reduce<TSplit>(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, bias, bias.Length != 0, result);
    }

    // One limb product with a constant limb or pair sum (the same in every lane): low part to one accumulator, high part to another.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ConstantProduct<TSplit>(
        Vector512<double> x, double y, Vector512<double> anchor, Vector512<double> anchorLow, Vector512<double> unit, ref Vector512<ulong> low, ref Vector512<ulong> high)
        where TSplit : struct, IProductSplit =>
        Bn254LaneReduction.Product<TSplit>(x, Vector512.Create(y), anchor, anchorLow, unit, ref low, ref high);

    // A pair-sum product, split at 2^52: its high part is worth two units of the next 51-bit column.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CrossProduct<TSplit>(
        Vector512<double> x, Vector512<double> y, Vector512<double> anchor, Vector512<double> anchorLow, Vector512<double> unit, ref Vector512<ulong> low, ref Vector512<ulong> high)
        where TSplit : struct, IProductSplit
    {
        TSplit.Split(x, y, anchor, anchorLow, unit, out var hi, out var lo);
        low += lo;
        high += hi + hi;
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

    // Squaring: products (i, j) with i ≤ j, all split at 2^51.
    private static ulong[] BuildSquareStarts()
    {
        var starts = Bn254LaneReduction.ReductionBiases();
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
        var reduction = Bn254LaneReduction.ReductionBiases();
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

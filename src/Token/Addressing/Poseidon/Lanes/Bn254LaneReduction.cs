using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static Rollout.Token.Addressing.Poseidon.Lanes.Bn254Lanes;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// The Montgomery reduction of <see cref="Bn254Lanes"/>: eleven signed 64-bit columns of limb-product parts
/// to five normalised limbs, six 51-bit steps (R = 2^306), and the conditional subtraction of r.
/// </summary>
internal static class Bn254LaneReduction
{
    // Montgomery reduction of the eleven columns: six steps each add m·r so that the lowest column is a
    // multiple of 2^51 and carry it up (signed: the Karatsuba corrections may leave a column negative);
    // then the top five columns are normalised limbs, plus the bias, optionally conditionally reduced.
    // By value, not inlined: its callers are already large, and columns passed by reference would pin theirs to memory.
    internal static void Reduce<TSplit>(
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
        var m = Vector512.ConvertToDouble(MontgomeryFactor(c0));
        // c0 + m·r0 is a multiple of 2^51, so the low part of m·r0 (below 2^51) is the one that rounds c0 up
        // to it: only the high part is computed, and c0's carry is ⌈c0 / 2^51⌉ (the column's start leaves
        // out that low part's exponent bits).
        TSplit.Split(m, Vector512.Create((double)P0), anchor, anchorLow, unit, out var high, out _);
        c1 += high + Vector512.ShiftRightArithmetic((c0 + Vector512.Create(LimbMask)).AsInt64(), LimbBits).AsUInt64();
        Product<TSplit>(m, Vector512.Create((double)P1), anchor, anchorLow, unit, ref c1, ref c2);
        Product<TSplit>(m, Vector512.Create((double)P2), anchor, anchorLow, unit, ref c2, ref c3);
        Product<TSplit>(m, Vector512.Create((double)P3), anchor, anchorLow, unit, ref c3, ref c4);
        Product<TSplit>(m, Vector512.Create((double)P4), anchor, anchorLow, unit, ref c4, ref c5);
    }

    // m = c0·(−r⁻¹) mod 2^51. Since r ≡ 1 mod 2^28, −r⁻¹ = K·2^28 − 1 with K = 0x1f593f (21 bits), so
    // m = ((c0·K) << 28) − c0 mod 2^51, and c0·K mod 2^23 needs only c0's low 32 bits: one 32×32-bit
    // multiply (vpmuludq, latency 5) instead of a 64-bit one (vpmullq, three µops, latency 15) on the
    // reduction's sequential path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> MontgomeryFactor(Vector512<ulong> c0)
    {
        var product = Avx512F.IsSupported
            ? Avx512F.Multiply(c0.AsUInt32(), Vector512.Create(FactorMultiplier))
            : (c0 & Vector512.Create(0xFFFF_FFFFUL)) * Vector512.Create((ulong)FactorMultiplier);
        return ((product << FactorShift) - c0) & Vector512.Create(LimbMask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Product<TSplit>(
        Vector512<double> x, Vector512<double> y, Vector512<double> anchor, Vector512<double> anchorLow, Vector512<double> unit, ref Vector512<ulong> low, ref Vector512<ulong> high)
        where TSplit : struct, IProductSplit
    {
        TSplit.Split(x, y, anchor, anchorLow, unit, out var hi, out var lo);
        low += lo;
        high += hi;
    }

    // result = v − r where that is not negative, else v (v in normalised limbs).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SubtractModulusIfAbove(Vector512<ulong> v0, Vector512<ulong> v1, Vector512<ulong> v2, Vector512<ulong> v3, Vector512<ulong> v4, Span<Vector512<ulong>> result)
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

    // Exponent bits a reduction's 30 products (51-split, m_s·r_j into columns s + j and s + j + 1) bring;
    // the low part of m_s·r_0 is never added (see ReduceStep).
    internal static ulong[] ReductionBiases()
    {
        var biases = new ulong[Columns];
        for (var s = 0; s < ReductionSteps; s++)
        {
            for (var j = 0; j < Limbs; j++)
            {
                if (j > 0) biases[s + j] = unchecked(biases[s + j] + LowBias);
                biases[s + j + 1] = unchecked(biases[s + j + 1] + HighBias51);
            }
        }
        return biases;
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// The AVX-512 split: one fused multiply-add rounded toward −∞ against the anchor leaves ⌊x·y / u⌋ in the
/// mantissa, and a second, exact one recovers the low part plus 2^52. Three floating-point operations.
/// </summary>
internal readonly struct FusedProductSplit : IProductSplit
{
    /// <summary>Whether this machine runs it (AVX-512F with embedded rounding).</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Split(
        Vector512<double> x, Vector512<double> y, Vector512<double> anchor, Vector512<double> anchorPlusTwo52, Vector512<double> unit,
        out Vector512<ulong> hi, out Vector512<ulong> lo)
    {
        // x·y < A, so x·y + A lies in [A, 2A) where doubles step by u: rounding down keeps exactly ⌊x·y / u⌋·u.
        // (A + 2^52) − h = 2^52 − H·u is exact, and so is x·y − H·u + 2^52, below 2^53.
        var h = Avx512F.FusedMultiplyAdd(x, y, anchor, FloatRoundingMode.ToNegativeInfinity);
        var l = Avx512F.FusedMultiplyAdd(x, y, anchorPlusTwo52 - h);
        hi = h.AsUInt64();
        lo = l.AsUInt64();
    }
}

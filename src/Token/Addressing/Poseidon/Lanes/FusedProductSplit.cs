using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// The AVX-512 split: one fused multiply-add rounded toward −∞ against 2^104 leaves ⌊x·y / 2^52⌋ in the
/// mantissa, and a second, exact one recovers the low half plus 2^52. Three floating-point operations.
/// </summary>
internal readonly struct FusedProductSplit : IProductSplit
{
    /// <summary>Whether this machine runs it (AVX-512F with embedded rounding).</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Split(Vector512<double> x, Vector512<double> y, out Vector512<ulong> hi, out Vector512<ulong> lo)
    {
        // x·y < 2^104, so x·y + 2^104 lies in [2^104, 2^105) where doubles step by 2^52: rounding down keeps
        // exactly the high half. (2^104 + 2^52) − h = (1 − H)·2^52 is exact, and so is x·y − H·2^52 + 2^52.
        var h = Avx512F.FusedMultiplyAdd(x, y, Vector512.Create(Bn254Lanes.Two104), FloatRoundingMode.ToNegativeInfinity);
        var l = Avx512F.FusedMultiplyAdd(x, y, Vector512.Create(Bn254Lanes.Two104PlusTwo52) - h);
        hi = h.AsUInt64();
        lo = l.AsUInt64();
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// The split with cross-platform vector operations only (round-to-nearest fused multiply-add, which runs
/// in software where there is no hardware for it): the nearest rounding may take the high part one unit
/// too far, and a compare moves that unit back. Equal to <see cref="FusedProductSplit"/>, lane for lane.
/// </summary>
internal readonly struct PortableProductSplit : IProductSplit
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Split(
        Vector512<double> x, Vector512<double> y, Vector512<double> anchor, Vector512<double> anchorPlusTwo52, Vector512<double> unit,
        out Vector512<ulong> hi, out Vector512<ulong> lo)
    {
        // h = A + H'·u with H' = H or H + 1; l = x·y − H'·u + 2^52 is exact and below 2^52 exactly when H' = H + 1.
        var h = Vector512.FusedMultiplyAdd(x, y, anchor);
        var l = Vector512.FusedMultiplyAdd(x, y, anchorPlusTwo52 - h);
        var roundedUp = Vector512.LessThan(l, Vector512.Create(Bn254Lanes.Two52));
        hi = Vector512.ConditionalSelect(roundedUp, h - unit, h).AsUInt64();
        lo = Vector512.ConditionalSelect(roundedUp, l + unit, l).AsUInt64();
    }
}

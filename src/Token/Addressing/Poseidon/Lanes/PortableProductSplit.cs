using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// The split with cross-platform vector operations only (round-to-nearest fused multiply-add, which runs
/// in software where there is no hardware for it): the nearest rounding may take the high half one too
/// far, and a compare puts 2^52 back. Equal to <see cref="FusedProductSplit"/>, lane for lane.
/// </summary>
internal readonly struct PortableProductSplit : IProductSplit
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Split(Vector512<double> x, Vector512<double> y, out Vector512<ulong> hi, out Vector512<ulong> lo)
    {
        var two52 = Vector512.Create(Bn254Lanes.Two52);
        // h = 2^104 + H'·2^52 with H' = H or H + 1; l = x·y − H'·2^52 + 2^52 is exact and below 2^52 exactly when H' = H + 1.
        var h = Vector512.FusedMultiplyAdd(x, y, Vector512.Create(Bn254Lanes.Two104));
        var l = Vector512.FusedMultiplyAdd(x, y, Vector512.Create(Bn254Lanes.Two104PlusTwo52) - h);
        var roundedUp = Vector512.LessThan(l, two52);
        hi = Vector512.ConditionalSelect(roundedUp, h - two52, h).AsUInt64();
        lo = Vector512.ConditionalSelect(roundedUp, l + two52, l).AsUInt64();
    }
}

using System.Runtime.Intrinsics;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// Splits the exact product of two integers held in doubles, lane by lane, at a power of two u (2^51 or
/// 2^52): with the anchor A = 2^52·u, x·y &lt; A, it returns hi = bits(A + ⌊x·y / u⌋·u) and
/// lo = bits(2^52 + (x·y mod u)), the bit patterns of doubles with fixed exponents, so that integer
/// additions of the patterns add the halves (the exponent bits are subtracted once per column; see
/// <see cref="Bn254Lanes"/>). A struct type argument, so each strategy compiles to its own code.
/// </summary>
internal interface IProductSplit
{
    /// <summary>Splits x·y; <paramref name="anchorPlusTwo52"/> is A + 2^52 and <paramref name="unit"/> is u.</summary>
    static abstract void Split(
        Vector512<double> x, Vector512<double> y, Vector512<double> anchor, Vector512<double> anchorPlusTwo52, Vector512<double> unit,
        out Vector512<ulong> hi, out Vector512<ulong> lo);
}

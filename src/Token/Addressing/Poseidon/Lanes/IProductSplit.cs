using System.Runtime.Intrinsics;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// Splits the exact product of two 52-bit integers held in doubles, lane by lane, into its high and low
/// 52 bits, each returned as the bit pattern of a double with a fixed exponent so that integer additions
/// of the patterns add the halves (the fixed exponent bits are subtracted once per column; see
/// <see cref="Bn254Lanes"/>). A struct type argument, so each strategy compiles to its own code.
/// </summary>
internal interface IProductSplit
{
    /// <summary>hi = bits(2^104 + ⌊x·y / 2^52⌋·2^52), lo = bits(2^52 + (x·y mod 2^52)).</summary>
    static abstract void Split(Vector512<double> x, Vector512<double> y, out Vector512<ulong> hi, out Vector512<ulong> lo);
}

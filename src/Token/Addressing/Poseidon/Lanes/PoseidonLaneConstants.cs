using System.Numerics;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// One width's fast-form constants (<see cref="PoseidonPermutation"/>) in the lanes' representation:
/// Montgomery form with R = 2^260, as limbs for additions and as limb doubles for products.
/// </summary>
internal sealed class PoseidonLaneConstants
{
    private const int L = Bn254Lanes.Limbs;

    /// <summary>Derives them from the scalar fast form.</summary>
    public PoseidonLaneConstants(PoseidonPermutation permutation)
    {
        var t = Width = permutation.Width;
        PartialRounds = permutation.PartialRounds;
        RoundConstants = ToLimbs(permutation.RoundConstants);
        Mds = ToDoubles(permutation.Mds);
        LastFullBeforePartial = ToDoubles(permutation.LastFullBeforePartial);
        Sparse = ToDoubles(permutation.Sparse);
        FirstRoundBase = ToLimbs(permutation.FirstRoundBase);
        var sbox = permutation.FirstRoundSBox;
        var negated = new Bn254Scalar[t];
        for (var j = 0; j < t; j++) negated[j] = Bn254Scalar.Zero - sbox[j];
        FirstRoundSBoxNegated = ToLimbs(negated);

        // A canonical v times R^2 reduces to v·R, its Montgomery form; times canonical 1, back again.
        var r = Bn254Scalar.Modulus;
        ToMontgomery = new double[L];
        Span<ulong> limbs = stackalloc ulong[L];
        Bn254Lanes.ToLimbs(BigInteger.ModPow(2, 2 * L * Bn254Lanes.LimbBits, r), limbs);
        for (var i = 0; i < L; i++) ToMontgomery[i] = limbs[i];
        FromMontgomery = [1, 0, 0, 0, 0];
    }

    /// <summary>The state width t.</summary>
    public int Width { get; }

    /// <summary>The number of partial rounds.</summary>
    public int PartialRounds { get; }

    /// <summary>Round constants, t per round, five limbs each.</summary>
    public ulong[] RoundConstants { get; }

    /// <summary>The MDS matrix, row-major, five limb doubles per entry.</summary>
    public double[] Mds { get; }

    /// <summary>The last full round before the partial rounds, row-major, five limb doubles per entry.</summary>
    public double[] LastFullBeforePartial { get; }

    /// <summary>Per partial round 2t − 1 entries (first row, then first column below the corner), five limb doubles each.</summary>
    public double[] Sparse { get; }

    /// <summary>Round 0's output when every input is zero, five limbs per lane of the state.</summary>
    public ulong[] FirstRoundBase { get; }

    /// <summary>−S(c0[j]) per lane of the state, five limbs each.</summary>
    public ulong[] FirstRoundSBoxNegated { get; }

    /// <summary>R^2 mod r as canonical limb doubles: multiplying by it enters Montgomery form.</summary>
    public double[] ToMontgomery { get; }

    /// <summary>Canonical 1 as limb doubles: multiplying by it leaves Montgomery form.</summary>
    public double[] FromMontgomery { get; }

    private static ulong[] ToLimbs(ReadOnlySpan<Bn254Scalar> elements)
    {
        var limbs = new ulong[elements.Length * L];
        for (var i = 0; i < elements.Length; i++) Bn254Lanes.ToMontgomeryLimbs(elements[i], limbs.AsSpan(i * L, L));
        return limbs;
    }

    private static double[] ToDoubles(ReadOnlySpan<Bn254Scalar> elements)
    {
        var limbs = ToLimbs(elements);
        var doubles = new double[limbs.Length];
        for (var i = 0; i < limbs.Length; i++) doubles[i] = limbs[i];
        return doubles;
    }
}

using System.Numerics;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// One width's fast-form constants (<see cref="PoseidonPermutation"/>) in the lanes' representation:
/// Montgomery form with R = 2^260, as limbs for additions and as limb doubles for products.
/// </summary>
internal sealed class PoseidonLaneConstants
{
    private const int L = Bn254Lanes.Limbs;
    private const int O = Bn254Lanes.OperandSize;

    /// <summary>Derives them from the scalar fast form.</summary>
    public PoseidonLaneConstants(PoseidonPermutation permutation)
    {
        var t = Width = permutation.Width;
        PartialRounds = permutation.PartialRounds;
        RoundConstants = ToLimbs(permutation.RoundConstants);
        Mds = ToOperands(permutation.Mds);
        LastFullBeforePartial = ToOperands(permutation.LastFullBeforePartial);
        (PartialRows, BlockUpdates) = BlockPartialRounds(permutation);
        FirstRoundBase = ToLimbs(permutation.FirstRoundBase);
        var sbox = permutation.FirstRoundSBox;
        var negated = new Bn254Scalar[t];
        for (var j = 0; j < t; j++) negated[j] = Bn254Scalar.Zero - sbox[j];
        FirstRoundSBoxNegated = ToLimbs(negated);

        // A canonical v times R^2 reduces to v·R, its Montgomery form; times canonical 1, back again.
        ToMontgomery = new double[O];
        Bn254Lanes.ToOperand(BigInteger.ModPow(2, 2 * Bn254Lanes.ReductionSteps * Bn254Lanes.LimbBits, Bn254Scalar.Modulus), ToMontgomery);
        FromMontgomery = new double[O];
        Bn254Lanes.ToOperand(BigInteger.One, FromMontgomery);
    }

    /// <summary>The state width t.</summary>
    public int Width { get; }

    /// <summary>The number of partial rounds.</summary>
    public int PartialRounds { get; }

    /// <summary>Round constants, t per round, five limbs each.</summary>
    public ulong[] RoundConstants { get; }

    /// <summary>The MDS matrix, row-major, one operand (limbs and pair sums, fifteen doubles) per entry.</summary>
    public double[] Mds { get; }

    /// <summary>The last full round before the partial rounds, row-major, one operand (limbs and pair sums, fifteen doubles) per entry.</summary>
    public double[] LastFullBeforePartial { get; }

    /// <summary>Partial rounds are taken in blocks of this many (see <see cref="PartialRows"/>).</summary>
    public const int PartialBlock = 8;

    /// <summary>
    /// Per partial round k (i = k mod <see cref="PartialBlock"/> rounds into its block), the t + i coefficients
    /// of lane 0's new value over [S-box output of round k, lanes 1..t−1 at the start of the block, S-box
    /// outputs of the block's earlier rounds]. Lanes 1..t−1 only ever gain w_j·s0 in a partial round, so
    /// their current values are those sums: folding them into constants leaves one reduction per round
    /// instead of t, for a few more lazily summed terms.
    /// </summary>
    public double[][] PartialRows { get; }

    /// <summary>Per block, for lanes j = 1..t−1 in turn, the coefficients w_j of the block's S-box outputs: the lane's gain over the block.</summary>
    public double[][] BlockUpdates { get; }

    /// <summary>Round 0's output when every input is zero, five limbs per lane of the state.</summary>
    public ulong[] FirstRoundBase { get; }

    /// <summary>−S(c0[j]) per lane of the state, five limbs each.</summary>
    public ulong[] FirstRoundSBoxNegated { get; }

    /// <summary>R^2 mod r as a canonical operand: multiplying by it enters Montgomery form.</summary>
    public double[] ToMontgomery { get; }

    /// <summary>Canonical 1 as an operand: multiplying by it leaves Montgomery form.</summary>
    public double[] FromMontgomery { get; }

    private static (double[][] Rows, double[][] Updates) BlockPartialRounds(PoseidonPermutation permutation)
    {
        var t = permutation.Width;
        var stride = 2 * t - 1;
        var sparse = permutation.Sparse;
        var rounds = permutation.PartialRounds;
        var rows = new double[rounds][];
        var updates = new double[(rounds + PartialBlock - 1) / PartialBlock][];
        for (var k = 0; k < rounds; k++)
        {
            var i = k % PartialBlock;
            var start = k - i;
            var v = sparse.Slice(k * stride, t);  // v[0] weighs this round's S-box output, v[j] lane j
            var row = new Bn254Scalar[t + i];
            v.CopyTo(row);
            for (var m = start; m < k; m++)
            {
                // Lane j holds its block-start value plus Σ_m w_j(m)·s0(m): s0(m) weighs Σ_j v[j]·w_j(m).
                var w = sparse.Slice(m * stride + t, t - 1);
                var sum = Bn254Scalar.Zero;
                for (var j = 1; j < t; j++) sum += v[j] * w[j - 1];
                row[t + m - start] = sum;
            }
            rows[k] = ToOperands(row);
        }
        for (var b = 0; b < updates.Length; b++)
        {
            var start = b * PartialBlock;
            var n = Math.Min(PartialBlock, rounds - start);
            var coefficients = new Bn254Scalar[(t - 1) * n];
            for (var j = 1; j < t; j++)
            {
                for (var m = 0; m < n; m++) coefficients[(j - 1) * n + m] = sparse[(start + m) * stride + t - 1 + j];
            }
            updates[b] = ToOperands(coefficients);
        }
        return (rows, updates);
    }

    private static ulong[] ToLimbs(ReadOnlySpan<Bn254Scalar> elements)
    {
        var limbs = new ulong[elements.Length * L];
        for (var i = 0; i < elements.Length; i++) Bn254Lanes.ToLimbs(Bn254Lanes.ToMontgomery(elements[i]), limbs.AsSpan(i * L, L));
        return limbs;
    }

    private static double[] ToOperands(ReadOnlySpan<Bn254Scalar> elements)
    {
        var operands = new double[elements.Length * O];
        for (var i = 0; i < elements.Length; i++) Bn254Lanes.ToOperand(Bn254Lanes.ToMontgomery(elements[i]), operands.AsSpan(i * O, O));
        return operands;
    }
}

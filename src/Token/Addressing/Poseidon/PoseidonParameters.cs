namespace Rollout.Token.Addressing.Poseidon;

/// <summary>
/// The textbook constants of one Poseidon instance over BN254 with the x^5 S-box, as the reference
/// Grain procedure draws them: round constants for every round and a Cauchy MDS matrix.
/// </summary>
public sealed class PoseidonParameters
{
    /// <summary>Full rounds, half before and half after the partial rounds.</summary>
    public const int FullRounds = 8;

    /// <summary>Bits of the field size as the Grain seed states it.</summary>
    private const int FieldBits = 254;

    // circomlib's partial rounds for widths 2..17 (inputs 1..16).
    private static readonly int[] PartialRoundsByWidth = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68];

    private PoseidonParameters(int width, int partialRounds, Bn254Scalar[] roundConstants, Bn254Scalar[] mds)
    {
        Width = width;
        PartialRounds = partialRounds;
        RoundConstants = roundConstants;
        Mds = mds;
    }

    /// <summary>The state width t = inputs + 1.</summary>
    public int Width { get; }

    /// <summary>The number of partial rounds.</summary>
    public int PartialRounds { get; }

    /// <summary>The number of rounds, full and partial.</summary>
    public int Rounds => FullRounds + PartialRounds;

    /// <summary>(FullRounds + PartialRounds) · t constants, round by round, added before each round's S-boxes.</summary>
    internal Bn254Scalar[] RoundConstants { get; }

    /// <summary>The MDS matrix, row-major: the mixed state is new[i] = Σ_j Mds[i·t + j] · state[j].</summary>
    internal Bn254Scalar[] Mds { get; }

    /// <summary>The constant added to <paramref name="lane"/> at the start of <paramref name="round"/>.</summary>
    public Bn254Scalar RoundConstant(int round, int lane) => RoundConstants[round * Width + lane];

    /// <summary>The MDS entry that weighs input lane <paramref name="column"/> in output lane <paramref name="row"/>.</summary>
    public Bn254Scalar MdsEntry(int row, int column) => Mds[row * Width + column];

    /// <summary>Draws the parameters of width <paramref name="width"/> (2 to 17).</summary>
    public static PoseidonParameters Generate(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, PartialRoundsByWidth.Length + 1);
        var partialRounds = PartialRoundsByWidth[width - 2];
        var grain = new GrainLfsr(FieldBits, width, FullRounds, partialRounds);

        // Round constants: rejection sampling, so each is uniform below r.
        var constants = new Bn254Scalar[(FullRounds + partialRounds) * width];
        for (var i = 0; i < constants.Length; i++)
        {
            var (l0, l1, l2, l3) = grain.NextBits(FieldBits);
            while (!Bn254Scalar.IsBelowModulus(l0, l1, l2, l3)) (l0, l1, l2, l3) = grain.NextBits(FieldBits);
            constants[i] = Bn254Scalar.FromCanonical(l0, l1, l2, l3);
        }
        return new PoseidonParameters(width, partialRounds, constants, DrawCauchyMatrix(grain, width));
    }

    // M[i][j] = 1 / (x_i + y_j) with 2t distinct values drawn from the same stream and reduced mod r.
    // The reference script then runs its invariant-subspace checks (algorithms 1 to 3) and draws again
    // on failure; we take the first candidate, and the tests show it equals iden3's matrix at every width.
    private static Bn254Scalar[] DrawCauchyMatrix(GrainLfsr grain, int width)
    {
        while (true)
        {
            var values = new Bn254Scalar[2 * width];
            do
            {
                for (var i = 0; i < values.Length; i++) values[i] = ReducedDraw(grain);
            }
            while (values.Distinct().Count() != values.Length);

            var matrix = new Bn254Scalar[width * width];
            var usable = true;
            for (var i = 0; i < width && usable; i++)
            {
                for (var j = 0; j < width && usable; j++)
                {
                    var sum = values[i] + values[width + j];
                    usable = !sum.IsZero;
                    if (usable) matrix[i * width + j] = Bn254Scalar.Inverse(sum);
                }
            }
            if (usable) return matrix;
        }
    }

    // A 254-bit draw is below 2r, so one conditional subtraction reduces it.
    private static Bn254Scalar ReducedDraw(GrainLfsr grain)
    {
        var (l0, l1, l2, l3) = grain.NextBits(FieldBits);
        var reduced = Bn254Scalar.ReduceOnce(l0, l1, l2, l3);
        return Bn254Scalar.FromCanonical(reduced.L0, reduced.L1, reduced.L2, reduced.L3);
    }
}

namespace Rollout.Token.Addressing.Poseidon;

/// <summary>
/// One width of iden3's Poseidon in its fast, exactly equivalent form: in partial rounds only the first
/// lane carries a round constant and the dense MDS product becomes a sparse one (first row, first column,
/// identity elsewhere), as in the Poseidon paper's appendix B. The form is derived here from the textbook
/// constants, and the tests check it against the textbook rounds at every width.
/// </summary>
internal sealed class PoseidonPermutation
{
    private const int HalfFullRounds = PoseidonParameters.FullRounds / 2;

    private readonly int _width;
    private readonly int _partialRounds;
    private readonly Bn254Scalar[] _roundConstants;   // per round, t each; partial rounds use only lane 0
    private readonly Bn254Scalar[] _mds;
    private readonly Bn254Scalar[] _lastFullBeforePartial; // M premultiplied by the dense part of the first sparse factor
    private readonly Bn254Scalar[] _sparse;           // per partial round: m00, v[1..t-1], w[1..t-1]
    private readonly Bn254Scalar[] _firstRoundBase;   // M · S(c0): round 0's output when every input is zero
    private readonly Bn254Scalar[] _firstRoundSBox;   // S(c0[j]) per lane

    /// <summary>Derives the fast form of <paramref name="parameters"/>.</summary>
    public PoseidonPermutation(PoseidonParameters parameters)
    {
        var t = _width = parameters.Width;
        _partialRounds = parameters.PartialRounds;
        _mds = parameters.Mds;
        _roundConstants = (Bn254Scalar[])parameters.RoundConstants.Clone();
        MovePartialRoundConstantsForward();
        (_sparse, _lastFullBeforePartial) = FactorPartialRoundMatrices();

        _firstRoundSBox = new Bn254Scalar[t];
        for (var j = 0; j < t; j++) _firstRoundSBox[j] = Bn254Scalar.Pow5(_roundConstants[j]);
        _firstRoundBase = new Bn254Scalar[t];
        MultiplyDense(_mds, _firstRoundSBox, _firstRoundBase, t);
    }

    /// <summary>The state width t.</summary>
    public int Width => _width;

    /// <summary>The number of partial rounds.</summary>
    internal int PartialRounds => _partialRounds;

    /// <summary>Round constants after the forward move: t per round, partial rounds only in lane 0.</summary>
    internal ReadOnlySpan<Bn254Scalar> RoundConstants => _roundConstants;

    /// <summary>The MDS matrix, row-major.</summary>
    internal ReadOnlySpan<Bn254Scalar> Mds => _mds;

    /// <summary>The matrix of the last full round before the partial rounds, row-major.</summary>
    internal ReadOnlySpan<Bn254Scalar> LastFullBeforePartial => _lastFullBeforePartial;

    /// <summary>Per partial round, 2t − 1 entries: the first row (t), then the first column below the corner (t − 1).</summary>
    internal ReadOnlySpan<Bn254Scalar> Sparse => _sparse;

    /// <summary>Round 0's output when every input is zero.</summary>
    internal ReadOnlySpan<Bn254Scalar> FirstRoundBase => _firstRoundBase;

    /// <summary>S(c0[j]), the S-box image of each lane's first-round constant.</summary>
    internal ReadOnlySpan<Bn254Scalar> FirstRoundSBox => _firstRoundSBox;

    /// <summary>Permutes [0, inputs...] (t − 1 inputs) and returns the first lane of the result, iden3's hash.</summary>
    public Bn254Scalar Hash(ReadOnlySpan<Bn254Scalar> inputs)
    {
        var t = _width;
        if (inputs.Length != t - 1) throw new ArgumentException($"width {t} hashes {t - 1} inputs, not {inputs.Length}", nameof(inputs));
        Span<Bn254Scalar> state = stackalloc Bn254Scalar[t];
        Span<Bn254Scalar> next = stackalloc Bn254Scalar[t];
        var mds = _mds;
        var rc = _roundConstants;

        // Round 0: the capacity lane and every zero input go into the S-box as bare constants, whose
        // images are precomputed; only non-zero inputs are raised and mixed in as corrections.
        _firstRoundBase.CopyTo(state);
        for (var j = 1; j < t; j++)
        {
            if (inputs[j - 1].IsZero) continue;
            var delta = Bn254Scalar.Pow5(inputs[j - 1] + rc[j]) - _firstRoundSBox[j];
            for (var i = 0; i < t; i++) state[i] += mds[i * t + j] * delta;
        }

        for (var r = 1; r < HalfFullRounds; r++)
        {
            AddConstantsAndSBox(state, rc.AsSpan(r * t, t));
            MultiplyDense(r == HalfFullRounds - 1 ? _lastFullBeforePartial : mds, state, next, t);
            next.CopyTo(state);
        }

        var sparse = _sparse.AsSpan();
        var stride = 2 * t - 1;
        for (var k = 0; k < _partialRounds; k++)
        {
            var round = sparse.Slice(k * stride, stride);
            var s0 = Bn254Scalar.Pow5(state[0] + rc[(HalfFullRounds + k) * t]);
            state[0] = s0;
            var z0 = Bn254DotProduct.Compute(round[..t], state);
            for (var j = 1; j < t; j++) state[j] += round[t - 1 + j] * s0;
            state[0] = z0;
        }

        var firstAfter = HalfFullRounds + _partialRounds;
        for (var r = firstAfter; r < firstAfter + HalfFullRounds - 1; r++)
        {
            AddConstantsAndSBox(state, rc.AsSpan(r * t, t));
            MultiplyDense(mds, state, next, t);
            next.CopyTo(state);
        }
        // The last round: only lane 0 of the output is the hash, so only row 0 of the product is needed.
        AddConstantsAndSBox(state, rc.AsSpan((firstAfter + HalfFullRounds - 1) * t, t));
        return Bn254DotProduct.Compute(mds.AsSpan(0, t), state);
    }

    private static void AddConstantsAndSBox(Span<Bn254Scalar> state, ReadOnlySpan<Bn254Scalar> constants)
    {
        for (var i = 0; i < state.Length; i++) state[i] = Bn254Scalar.Pow5(state[i] + constants[i]);
    }

    private static void MultiplyDense(ReadOnlySpan<Bn254Scalar> matrix, ReadOnlySpan<Bn254Scalar> vector, Span<Bn254Scalar> result, int t)
    {
        for (var i = 0; i < t; i++)
        {
            result[i] = Bn254DotProduct.Compute(matrix.Slice(i * t, t), vector);
        }
    }

    // A partial round's S-box leaves lanes 1.. untouched, so their constants can pass through it and the
    // MDS product unchanged and join the next round's constants; the last carry lands in a full round.
    private void MovePartialRoundConstantsForward()
    {
        var t = _width;
        Span<Bn254Scalar> rest = stackalloc Bn254Scalar[t];
        Span<Bn254Scalar> carried = stackalloc Bn254Scalar[t];
        for (var r = HalfFullRounds; r < HalfFullRounds + _partialRounds; r++)
        {
            var constants = _roundConstants.AsSpan(r * t, t);
            rest[0] = Bn254Scalar.Zero;
            constants[1..].CopyTo(rest[1..]);
            // A loop, not Span.Clear: see PoseidonHash.HashBytes for the JIT fault with spans of this struct.
            for (var i = 1; i < t; i++) constants[i] = Bn254Scalar.Zero;
            MultiplyDense(_mds, rest, carried, t);
            var following = _roundConstants.AsSpan((r + 1) * t, t);
            for (var i = 0; i < t; i++) following[i] += carried[i];
        }
    }

    // Writes each partial round's matrix N as A·B with B = diag(1, N̂) and A sparse: A = [[n00, v], [w, I]]
    // with w = N's first column below the corner and v = N̂⁻ᵀ·(N's first row). B commutes with a partial
    // round's S-box and first-lane constant, so it moves into the round before: N_previous = B·M. Working
    // back from the last partial round leaves the full round before them with the matrix B_first·M.
    private (Bn254Scalar[] Sparse, Bn254Scalar[] Before) FactorPartialRoundMatrices()
    {
        var t = _width;
        var stride = 2 * t - 1;
        var sparse = new Bn254Scalar[_partialRounds * stride];
        var n = (Bn254Scalar[])_mds.Clone();
        for (var k = _partialRounds - 1; k >= 0; k--)
        {
            var round = sparse.AsSpan(k * stride, stride);
            round[0] = n[0];
            var transposedCorner = new Bn254Scalar[(t - 1) * (t - 1)];
            for (var i = 1; i < t; i++)
            {
                round[t - 1 + i] = n[i * t];
                for (var j = 1; j < t; j++) transposedCorner[(j - 1) * (t - 1) + (i - 1)] = n[i * t + j];
            }
            var v = Solve(transposedCorner, n.AsSpan(1, t - 1), t - 1);
            v.CopyTo(round[1..t]);

            var b = new Bn254Scalar[t * t];
            b[0] = Bn254Scalar.One;
            for (var i = 1; i < t; i++)
            {
                for (var j = 1; j < t; j++) b[i * t + j] = n[i * t + j];
            }
            n = MultiplyMatrices(b, _mds, t);
        }
        return (sparse, n);
    }

    private static Bn254Scalar[] MultiplyMatrices(Bn254Scalar[] a, Bn254Scalar[] b, int t)
    {
        var product = new Bn254Scalar[t * t];
        for (var i = 0; i < t; i++)
        {
            for (var j = 0; j < t; j++)
            {
                var sum = Bn254Scalar.Zero;
                for (var k = 0; k < t; k++) sum += a[i * t + k] * b[k * t + j];
                product[i * t + j] = sum;
            }
        }
        return product;
    }

    // Gaussian elimination for matrix·x = rhs; MDS submatrices are invertible, so a pivot always exists.
    private static Bn254Scalar[] Solve(Bn254Scalar[] matrix, ReadOnlySpan<Bn254Scalar> rhs, int size)
    {
        var m = (Bn254Scalar[])matrix.Clone();
        var x = rhs.ToArray();
        for (var c = 0; c < size; c++)
        {
            var pivot = c;
            while (m[pivot * size + c].IsZero) pivot++;
            if (pivot != c)
            {
                for (var j = 0; j < size; j++) (m[c * size + j], m[pivot * size + j]) = (m[pivot * size + j], m[c * size + j]);
                (x[c], x[pivot]) = (x[pivot], x[c]);
            }
            var inverse = Bn254Scalar.Inverse(m[c * size + c]);
            for (var j = 0; j < size; j++) m[c * size + j] *= inverse;
            x[c] *= inverse;
            for (var r = 0; r < size; r++)
            {
                if (r == c || m[r * size + c].IsZero) continue;
                var factor = m[r * size + c];
                for (var j = 0; j < size; j++) m[r * size + j] -= factor * m[c * size + j];
                x[r] -= factor * x[c];
            }
        }
        return x;
    }
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rollout.Token.Addressing.Poseidon.Lanes;

/// <summary>
/// iden3's <c>hashBytes</c> of up to eight messages at once, one per vector lane, for messages of at most
/// <see cref="MaxMessageLength"/> bytes (one frame, one permutation): set the messages, compute, read the
/// hashes. The same rounds as <see cref="PoseidonPermutation"/> (first round folded over the inputs that are
/// non-zero in some lane, sparse partial rounds, last round lane 0 only). Not thread-safe: one per worker.
/// </summary>
internal sealed class PoseidonLaneBatch<TSplit>
    where TSplit : struct, IProductSplit
{
    /// <summary>The longest message one permutation hashes: 16 chunks of 31 bytes.</summary>
    public const int MaxMessageLength = PoseidonHash.MaxInputs * PoseidonHash.ChunkSize;

    private const int L = Bn254Lanes.Limbs;
    private const int O = Bn254Lanes.OperandSize;
    private const int HalfFullRounds = PoseidonParameters.FullRounds / 2;

    private readonly PoseidonLaneConstants _constants;
    private readonly Vector512<ulong>[] _inputs = new Vector512<ulong>[PoseidonHash.MaxInputs * L]; // canonical chunk limbs, lane = message
    private readonly Vector512<ulong>[] _firstRoundBase;  // broadcast, the bias of round 0
    private readonly Vector512<ulong>[] _state;
    private readonly Vector512<double>[] _stateDoubles;
    private readonly Vector512<double>[] _deltas = new Vector512<double>[PoseidonHash.MaxInputs * O];
    private readonly Vector512<double>[] _operand = new Vector512<double>[O];
    private readonly Vector512<ulong>[] _scratch = new Vector512<ulong>[4 * L];
    private readonly Vector512<double>[] _scratchDoubles = new Vector512<double>[2 * O];
    private readonly Vector512<ulong>[] _output = new Vector512<ulong>[L];
    private readonly Vector512<double>[] _sboxBases;  // a full round's S-box inputs, as operands
    private readonly Vector512<ulong>[] _sboxPowers;  // their squares, then fourth powers
    private readonly byte[] _padded = new byte[Bn254Scalar.ByteLength];
    private int _chunks;

    /// <summary>A batch for the width-17 permutation, the one <c>hashBytes</c> uses.</summary>
    public PoseidonLaneBatch()
        : this(SharedConstants.Value)
    {
    }

    /// <summary>A batch over the given width-17 constants.</summary>
    public PoseidonLaneBatch(PoseidonLaneConstants constants)
    {
        if (constants.Width != PoseidonHash.MaxInputs + 1) throw new ArgumentException("hashBytes uses the width-17 permutation", nameof(constants));
        _constants = constants;
        var t = constants.Width;
        _state = new Vector512<ulong>[t * L];
        _stateDoubles = new Vector512<double>[(t + PoseidonLaneConstants.PartialBlock) * O];
        _firstRoundBase = constants.FirstRoundBase.Select(Vector512.Create).ToArray();
        _sboxBases = new Vector512<double>[t * O];
        _sboxPowers = new Vector512<ulong>[t * L];
    }

    /// <summary>Messages per batch.</summary>
    public static int Lanes => Bn254Lanes.Lanes;

    private static Lazy<PoseidonLaneConstants> SharedConstants { get; } =
        new(() => new PoseidonLaneConstants(PoseidonHash.Permutation(PoseidonHash.MaxInputs)));

    /// <summary>Empties every lane (an empty lane hashes as if its message were one zero chunk; its result is meaningless).</summary>
    public void Clear()
    {
        Array.Clear(_inputs);
        _chunks = 0;
    }

    /// <summary>Puts a message of 1 to <see cref="MaxMessageLength"/> bytes in <paramref name="lane"/> (after <see cref="Clear"/>).</summary>
    public void SetMessage(int lane, ReadOnlySpan<byte> message)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lane);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lane, Lanes);
        if (message.IsEmpty || message.Length > MaxMessageLength)
            throw new ArgumentException($"a batched message is 1 to {MaxMessageLength} bytes, not {message.Length}", nameof(message));
        var lanes = MemoryMarshal.Cast<Vector512<ulong>, ulong>(_inputs.AsSpan());
        var chunk = 0;
        for (var offset = 0; offset < message.Length; offset += PoseidonHash.ChunkSize, chunk++)
        {
            // Big-endian in 32 bytes, the chunk's bytes first after the leading zero: a short chunk is padded on the right.
            Array.Clear(_padded);
            message.Slice(offset, Math.Min(PoseidonHash.ChunkSize, message.Length - offset)).CopyTo(_padded.AsSpan(1));
            var w3 = BinaryPrimitives.ReadUInt64BigEndian(_padded);
            var w2 = BinaryPrimitives.ReadUInt64BigEndian(_padded.AsSpan(8));
            var w1 = BinaryPrimitives.ReadUInt64BigEndian(_padded.AsSpan(16));
            var w0 = BinaryPrimitives.ReadUInt64BigEndian(_padded.AsSpan(24));
            var at = chunk * L * Lanes + lane;
            lanes[at] = w0 & Bn254Lanes.LimbMask;
            lanes[at + Lanes] = ((w0 >> 51) | (w1 << 13)) & Bn254Lanes.LimbMask;
            lanes[at + 2 * Lanes] = ((w1 >> 38) | (w2 << 26)) & Bn254Lanes.LimbMask;
            lanes[at + 3 * Lanes] = ((w2 >> 25) | (w3 << 39)) & Bn254Lanes.LimbMask;
            lanes[at + 4 * Lanes] = w3 >> 12;
        }
        _chunks = Math.Max(_chunks, chunk);
    }

    /// <summary>Hashes every lane.</summary>
    public void Compute()
    {
        var c = _constants;
        var t = c.Width;
        var state = _state.AsSpan();
        var doubles = _stateDoubles.AsSpan();
        var u = _scratch.AsSpan(0, L);
        var s = _scratch.AsSpan(L, L);
        var z = _scratch.AsSpan(2 * L, L);
        var x = _scratch.AsSpan(3 * L, L);
        var operand = _operand.AsSpan();
        var rc = c.RoundConstants.AsSpan();
        var active = Math.Max(_chunks, 1);

        // Round 0: lane j's S-box output is S(c0[j]) for a zero input; each input that is non-zero in some
        // lane adds M[i][j]·(S(input + c0[j]) − S(c0[j])) to every lane i of the precomputed base.
        for (var j = 0; j < active; j++)
        {
            Bn254Lanes.ToOperands(_inputs.AsSpan(j * L, L), operand);
            Bn254LaneProducts.DotConstant<TSplit>(operand, c.ToMontgomery, default, x);
            Bn254Lanes.Add(x, rc.Slice((j + 1) * L, L), u);
            Pow5(u, s);
            Bn254Lanes.Add(s, c.FirstRoundSBoxNegated.AsSpan((j + 1) * L, L), u);
            Bn254Lanes.ToOperands(u, _deltas.AsSpan(j * O, O));
        }
        var deltas = _deltas.AsSpan(0, active * O);
        for (var i = 0; i < t; i++)
        {
            Bn254LaneProducts.DotConstant<TSplit>(deltas, c.Mds.AsSpan((i * t + 1) * O, active * O), _firstRoundBase.AsSpan(i * L, L), state.Slice(i * L, L));
        }

        for (var r = 1; r < HalfFullRounds; r++)
        {
            FullRound(rc.Slice(r * t * L, t * L), r == HalfFullRounds - 1 ? c.LastFullBeforePartial : c.Mds, t);
        }

        // Partial rounds in blocks: lanes 1..t−1 stay at their block-start values (as doubles in slots 1..t−1)
        // while this block's S-box outputs gather in slots t.., and lane 0 is one dot product over them all.
        const int Block = PoseidonLaneConstants.PartialBlock;
        var s0 = doubles[..O];
        for (var k = 0; k < c.PartialRounds; k++)
        {
            var i = k % Block;
            if (i == 0) Bn254Lanes.ToOperands(state[L..], doubles[O..(t * O)]);
            Bn254Lanes.Add(state[..L], rc.Slice((HalfFullRounds + k) * t * L, L), u);
            Pow5(u, s);
            Bn254Lanes.ToOperands(s, s0);
            Bn254LaneProducts.DotConstant<TSplit>(doubles[..((t + i) * O)], c.PartialRows[k], default, state[..L]);
            s0.CopyTo(doubles.Slice((t + i) * O, O));
            if (i == Block - 1 || k == c.PartialRounds - 1)
            {
                // The block's gains: lane j += Σ w_j(m)·s0(m), the sum folded into one reduction.
                var gathered = doubles.Slice(t * O, (i + 1) * O);
                var updates = c.BlockUpdates[k / Block];
                for (var j = 1; j < t; j++)
                {
                    var lane = state.Slice(j * L, L);
                    Bn254LaneProducts.DotConstant<TSplit>(gathered, updates.AsSpan((j - 1) * (i + 1) * O, (i + 1) * O), lane, lane);
                }
            }
        }

        var firstAfter = HalfFullRounds + c.PartialRounds;
        for (var r = firstAfter; r < firstAfter + HalfFullRounds - 1; r++) FullRound(rc.Slice(r * t * L, t * L), c.Mds, t);

        // The last round: only lane 0 of its product is the hash; then out of Montgomery form.
        SBoxes(rc.Slice((firstAfter + HalfFullRounds - 1) * t * L, t * L), t);
        Bn254LaneProducts.DotConstant<TSplit>(doubles[..(t * O)], c.Mds.AsSpan(0, t * O), default, z);
        Bn254Lanes.ToOperands(z, operand);
        Bn254LaneProducts.DotConstant<TSplit>(operand, c.FromMontgomery, default, _output);
        Bn254Lanes.ReduceCanonical(_output);
    }

    /// <summary>Writes lane <paramref name="lane"/>'s hash (after <see cref="Compute"/>) as 32 big-endian bytes.</summary>
    public void WriteHash(int lane, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lane);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lane, Lanes);
        if (destination.Length < Bn254Scalar.ByteLength) throw new ArgumentException("a hash needs 32 bytes", nameof(destination));
        var l0 = _output[0][lane];
        var l1 = _output[1][lane];
        var l2 = _output[2][lane];
        var l3 = _output[3][lane];
        var l4 = _output[4][lane];
        BinaryPrimitives.WriteUInt64BigEndian(destination, (l3 >> 39) | (l4 << 12));
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], (l2 >> 26) | (l3 << 25));
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], (l1 >> 13) | (l2 << 38));
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], l0 | (l1 << 51));
    }

    /// <summary>Lane <paramref name="lane"/>'s hash (after <see cref="Compute"/>) as a field element.</summary>
    public Bn254Scalar Hash(int lane)
    {
        Span<byte> bytes = stackalloc byte[Bn254Scalar.ByteLength];
        WriteHash(lane, bytes);
        return Bn254Scalar.FromBigEndian(bytes);
    }

    private void FullRound(ReadOnlySpan<ulong> constants, double[] matrix, int t)
    {
        SBoxes(constants, t);
        var doubles = _stateDoubles.AsSpan(0, t * O);
        for (var i = 0; i < t; i++)
        {
            Bn254LaneProducts.DotConstant<TSplit>(doubles, matrix.AsSpan(i * t * O, t * O), default, _state.AsSpan(i * L, L));
        }
    }

    // Adds the round's constants and raises every lane of the state to the fifth power, into _stateDoubles.
    // Stage by stage over the lanes (every square, then every fourth power, then every fifth): one lane's
    // three products are a chain of reductions, each waiting on the last, and the lanes side by side give
    // the processor independent work to fill that wait.
    private void SBoxes(ReadOnlySpan<ulong> constants, int t)
    {
        var u = _scratch.AsSpan(0, L);
        var s = _scratch.AsSpan(L, L);
        var a = _scratchDoubles.AsSpan(0, O);
        var bases = _sboxBases.AsSpan();
        var powers = _sboxPowers.AsSpan();
        for (var i = 0; i < t; i++)
        {
            Bn254Lanes.Add(_state.AsSpan(i * L, L), constants.Slice(i * L, L), u);
            Bn254Lanes.ToOperands(u, bases.Slice(i * O, O));
            Bn254LaneProducts.Square<TSplit>(bases.Slice(i * O, L), powers.Slice(i * L, L));
        }
        for (var i = 0; i < t; i++)
        {
            Bn254Lanes.ToDoubles(powers.Slice(i * L, L), a);
            Bn254LaneProducts.Square<TSplit>(a, powers.Slice(i * L, L));
        }
        for (var i = 0; i < t; i++)
        {
            Bn254Lanes.ToOperands(powers.Slice(i * L, L), a);
            Bn254LaneProducts.MultiplyOperands<TSplit>(a, bases.Slice(i * O, O), s);
            Bn254Lanes.ToOperands(s, _stateDoubles.AsSpan(i * O, O));
        }
    }

    private void Pow5(ReadOnlySpan<Vector512<ulong>> value, Span<Vector512<ulong>> result)
    {
        var v = _scratchDoubles.AsSpan(0, O);
        var a = _scratchDoubles.AsSpan(O, O);
        Bn254Lanes.ToOperands(value, v);
        Bn254LaneProducts.Square<TSplit>(v, result);
        Bn254Lanes.ToDoubles(result, a);
        Bn254LaneProducts.Square<TSplit>(a, result);
        Bn254Lanes.ToOperands(result, a);
        Bn254LaneProducts.MultiplyOperands<TSplit>(a, v, result);
    }
}

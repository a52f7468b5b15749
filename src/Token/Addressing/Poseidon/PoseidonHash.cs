namespace Rollout.Token.Addressing.Poseidon;

/// <summary>
/// iden3's Poseidon over BN254 (circomlib's constants, x^5 S-box, 8 full rounds): <c>hash</c> of 1 to 16
/// field elements and <c>hashBytes</c>, the sponge Quilibrium uses to turn a peer ID into an address.
/// Equal to <c>@iden3/js-crypto</c>'s <c>poseidon.hash</c> and <c>poseidon.hashBytes</c> and to go-iden3-crypto.
/// </summary>
public static class PoseidonHash
{
    /// <summary>The most inputs one hash takes (width 17).</summary>
    public const int MaxInputs = 16;

    /// <summary>hashBytes cuts the message into chunks of this many bytes, each below r as a big-endian number.</summary>
    public const int ChunkSize = 31;

    // Widths are derived on first use: HashBytes needs only width 17.
    private static readonly Lazy<PoseidonPermutation>[] Permutations = Enumerable.Range(2, MaxInputs)
        .Select(width => new Lazy<PoseidonPermutation>(() => new PoseidonPermutation(PoseidonParameters.Generate(width))))
        .ToArray();

    /// <summary>The fast form of the permutation that hashes <paramref name="inputs"/> field elements (width inputs + 1).</summary>
    internal static PoseidonPermutation Permutation(int inputs) => Permutations[inputs - 1].Value;

    /// <summary>The hash of 1 to 16 field elements.</summary>
    public static Bn254Scalar Hash(ReadOnlySpan<Bn254Scalar> inputs)
    {
        if (inputs.Length is 0 or > MaxInputs) throw new ArgumentException($"Poseidon hashes 1 to {MaxInputs} inputs, not {inputs.Length}", nameof(inputs));
        return Permutations[inputs.Length - 1].Value.Hash(inputs);
    }

    /// <summary>
    /// The sponge hash of a byte string: 31-byte big-endian chunks (the last one padded with zeros on the
    /// right) fill frames of 16 inputs; each full frame is hashed and its hash becomes the first input of
    /// the next frame. iden3 defines no hash of an empty message (it returns undefined or nil), so that throws.
    /// </summary>
    public static Bn254Scalar HashBytes(ReadOnlySpan<byte> message)
    {
        if (message.IsEmpty) throw new ArgumentException("iden3's hashBytes defines no hash of an empty message", nameof(message));
        var permutation = Permutations[MaxInputs - 1].Value;
        Span<Bn254Scalar> frame = stackalloc Bn254Scalar[MaxInputs];
        Span<byte> padded = stackalloc byte[Bn254Scalar.ByteLength];
        var hash = Bn254Scalar.Zero;
        var dirty = false;
        var k = 0;
        for (var offset = 0; offset < message.Length; offset += ChunkSize)
        {
            var chunk = message.Slice(offset, Math.Min(ChunkSize, message.Length - offset));
            padded.Clear();
            // Big-endian in 32 bytes with the chunk's own bytes first: a short last chunk is padded on the right.
            chunk.CopyTo(padded[1..]);
            frame[k] = Bn254Scalar.FromBigEndian(padded);
            dirty = true;
            if (k == MaxInputs - 1)
            {
                hash = permutation.Hash(frame);
                dirty = false;
                frame[0] = hash;
                // Not frame.Clear(): the .NET 10.0.12 JIT drops that call on this stackalloc'd span in
                // optimised code (leftover chunks then leak into the next frame); a plain loop is kept.
                for (var j = 1; j < MaxInputs; j++) frame[j] = Bn254Scalar.Zero;
                k = 1;
            }
            else
            {
                k++;
            }
        }
        return dirty ? permutation.Hash(frame) : hash;
    }
}

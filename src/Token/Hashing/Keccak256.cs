using System.Buffers.Binary;

namespace Rollout.Token.Hashing;

/// <summary>
/// Ethereum's Keccak-256 (the original Keccak padding 0x01, not FIPS SHA3-256's 0x06), on our own
/// <see cref="KeccakF1600"/>: allocation-free except for the array-returning overload. Checked
/// against BouncyCastle's KeccakDigest and ethers in the tests.
/// </summary>
public static class Keccak256
{
    /// <summary>The digest length in bytes.</summary>
    public const int Size = 32;

    /// <summary>The sponge's rate in bytes (1600 − 2·256 bits).</summary>
    public const int Rate = 136;

    /// <summary>Hashes data into a new 32-byte array.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var output = new byte[Size];
        Hash(data, output);
        return output;
    }

    /// <summary>Hashes data into <paramref name="output"/>, which must hold 32 bytes.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output)
    {
        if (output.Length < Size) throw new ArgumentException("Keccak-256 output needs 32 bytes.", nameof(output));
        Span<ulong> state = stackalloc ulong[KeccakF1600.Lanes];
        state.Clear();
        while (data.Length >= Rate)
        {
            KeccakF1600.Absorb(state, data[..Rate]);
            KeccakF1600.Permute(state);
            data = data[Rate..];
        }
        Span<byte> last = stackalloc byte[Rate];
        last.Clear();
        data.CopyTo(last);
        last[data.Length] ^= 0x01;
        last[Rate - 1] ^= 0x80;
        KeccakF1600.Absorb(state, last);
        KeccakF1600.Permute(state);
        Squeeze(state, output);
    }

    /// <summary>
    /// Hashes exactly 32 or 64 bytes (a Merkle leaf's inner hash, a node pair) without the block buffer:
    /// both fit one block, so the padding goes straight into the lanes.
    /// </summary>
    internal static void HashShort(ReadOnlySpan<byte> data, Span<byte> output)
    {
        if (data.Length is not (32 or 64)) throw new ArgumentException("HashShort takes 32 or 64 bytes.", nameof(data));
        Span<ulong> state = stackalloc ulong[KeccakF1600.Lanes];
        state.Clear();
        KeccakF1600.Absorb(state, data);
        // 0x01 at byte data.Length (the first byte of the next lane), 0x80 at byte 135 (the top of lane 16).
        state[data.Length / 8] ^= 0x01UL;
        state[16] ^= 0x8000000000000000UL;
        KeccakF1600.Permute(state);
        Squeeze(state, output);
    }

    private static void Squeeze(ReadOnlySpan<ulong> state, Span<byte> output)
    {
        for (var i = 0; i < Size / 8; i++) BinaryPrimitives.WriteUInt64LittleEndian(output[(i * 8)..], state[i]);
    }
}

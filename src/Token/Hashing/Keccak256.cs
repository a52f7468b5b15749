using Org.BouncyCastle.Crypto.Digests;

namespace Rollout.Token.Hashing;

/// <summary>Ethereum's Keccak-256 (the original Keccak padding, not FIPS SHA3-256).</summary>
public static class Keccak256
{
    /// <summary>The digest length in bytes.</summary>
    public const int Size = 32;

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
        var digest = new KeccakDigest(256);
        // BouncyCastle 1.8 takes arrays, not spans.
        var input = data.ToArray();
        digest.BlockUpdate(input, 0, input.Length);
        var result = new byte[Size];
        digest.DoFinal(result, 0);
        result.CopyTo(output);
    }
}

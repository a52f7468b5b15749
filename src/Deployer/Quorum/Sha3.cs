using Org.BouncyCastle.Crypto.Digests;

namespace Rollout.Deployer.Quorum;

/// <summary>FIPS 202 SHA3-256, the digest of release binaries and of the genesis seed.</summary>
internal static class Sha3
{
    public static byte[] Hash256(ReadOnlySpan<byte> data)
    {
        var digest = new Sha3Digest(256);
        var bytes = data.ToArray();
        digest.BlockUpdate(bytes, 0, bytes.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    public static byte[] Hash256(Stream stream)
    {
        var digest = new Sha3Digest(256);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) digest.BlockUpdate(buffer, 0, read);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }
}

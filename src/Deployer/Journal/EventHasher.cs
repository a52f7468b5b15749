using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rollout.Deployer.Journal;

/// <summary>The journal's hash chain: SHA-256(previous hash bytes ‖ canonical event bytes).</summary>
public static class EventHasher
{
    /// <summary>The predecessor hash of the first event.</summary>
    public static string Genesis { get; } = new('0', 64);

    /// <summary>Canonical bytes of an event: <c>seq \n kind \n at \n payload</c> in UTF-8, the payload exactly as stored.</summary>
    public static byte[] CanonicalBytes(long seq, string kind, string at, string payload) =>
        Encoding.UTF8.GetBytes(string.Join('\n', seq.ToString(CultureInfo.InvariantCulture), kind, at, payload));

    /// <summary>The hash of an event given its predecessor's hash.</summary>
    public static string Hash(string previousHash, long seq, string kind, string at, string payload)
    {
        var canonical = CanonicalBytes(seq, kind, at, payload);
        var input = new byte[32 + canonical.Length];
        Convert.FromHexString(previousHash).CopyTo(input, 0);
        canonical.CopyTo(input, 32);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }
}

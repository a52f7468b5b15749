using System.Text;

namespace Rollout.Deployer.Quorum;

/// <summary>
/// The <c>.dgst</c> text of a release binary, byte for byte what <c>openssl dgst -sha3-256 NAME</c> prints:
/// <c>SHA3-256(NAME)= HEX\n</c>. Signers sign exactly these bytes.
/// </summary>
public static class ReleaseDigest
{
    /// <summary>The digest file of a binary: the binary's path with <c>.dgst</c> appended.</summary>
    public static string DigestPath(string binaryPath) => binaryPath + ".dgst";

    /// <summary>The signature file of a 1-based signatory slot.</summary>
    public static string SignaturePath(string binaryPath, int slot) => $"{binaryPath}.dgst.sig.{slot}";

    /// <summary>Hashes the binary and returns the digest text.</summary>
    public static string Compute(string binaryPath)
    {
        using var stream = File.OpenRead(binaryPath);
        var hash = Sha3.Hash256(stream);
        return $"SHA3-256({Path.GetFileName(binaryPath)})= {Convert.ToHexStringLower(hash)}\n";
    }

    /// <summary>
    /// Reads the 32-byte hash out of a digest text the way the reference node does (the part after the single space),
    /// or says why the text is not a digest.
    /// </summary>
    public static bool TryParse(string text, out byte[] hash, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        hash = [];
        var parts = text.Split(' ');
        if (parts.Length != 2 || !parts[0].StartsWith("SHA3-256(", StringComparison.Ordinal) || !parts[0].EndsWith(")=", StringComparison.Ordinal))
        {
            error = "not of the form 'SHA3-256(NAME)= HEX'";
            return false;
        }
        var hex = parts[1].TrimEnd('\n');
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
        {
            error = "the digest is not 64 hex digits";
            return false;
        }
        hash = Convert.FromHexString(hex);
        error = "";
        return true;
    }

    /// <summary>The bytes a signer signs: the digest text as UTF-8.</summary>
    public static byte[] SignedBytes(string digestText) => Encoding.UTF8.GetBytes(digestText);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Rollout.Deployer.Storage;

namespace Rollout.Deployer.Quorum;

/// <summary>
/// What one signer's <c>rollout sign-unlock</c> writes: the seed they signed, their public key and signature,
/// all hex. The deployer collects these files.
/// </summary>
public sealed record UnlockSignature(
    [property: JsonPropertyName("genesisSeedHex")] string GenesisSeedHex,
    [property: JsonPropertyName("publicKeyHex")] string PublicKeyHex,
    [property: JsonPropertyName("signatureHex")] string SignatureHex)
{
    /// <summary>Signs a seed with a signer's private key.</summary>
    public static UnlockSignature Sign(GenesisSeed seed, ReadOnlySpan<byte> privateKey)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return new UnlockSignature(
            seed.Hex,
            Convert.ToHexStringLower(Ed448Keys.PublicKeyOf(privateKey)),
            Convert.ToHexStringLower(Ed448Keys.Sign(privateKey, seed.SignedText)));
    }

    /// <summary>Reads a signature file; a file that is not one is bad input naming the file and the field.</summary>
    public static UnlockSignature Read(string path)
    {
        UnlockSignature? signature;
        try
        {
            signature = JsonSerializer.Deserialize<UnlockSignature>(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not an unlock signature file: {ex.Message}", ex);
        }
        if (signature is null) throw new InvalidDataException($"{path}: not an unlock signature file: empty");
        Require(signature.GenesisSeedHex, "genesisSeedHex");
        Require(signature.PublicKeyHex, "publicKeyHex");
        Require(signature.SignatureHex, "signatureHex");
        return signature;

        void Require(string? value, string field)
        {
            if (string.IsNullOrEmpty(value) || value.Length % 2 != 0 || !value.All(Uri.IsHexDigit))
            {
                throw new InvalidDataException($"{path}: {field}: missing or not hex");
            }
        }
    }

    /// <summary>Writes the file whole or not at all, and never over an existing one (bad input naming it).</summary>
    public void Write(string path) => AtomicFile.WriteNewText(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }) + "\n");
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rollout.Deployer.Quorum;

/// <summary>
/// The unlock that lifts the stasis lock, in the reference node's JSON: <c>genesisSeedHex</c>, <c>signatures</c>
/// (<c>publicKeyHex</c>, <c>signatureHex</c>), and <c>beacon</c> as the key's raw bytes, which JSON writes as base64.
/// </summary>
public sealed record SignedGenesisUnlock(
    [property: JsonPropertyName("genesisSeedHex")] string GenesisSeedHex,
    [property: JsonPropertyName("signatures")] IReadOnlyList<SignedGenesisUnlock.Signature> Signatures,
    [property: JsonPropertyName("beacon")] byte[] Beacon)
{
    /// <summary>One signatory's signature.</summary>
    public sealed record Signature(
        [property: JsonPropertyName("publicKeyHex")] string PublicKeyHex,
        [property: JsonPropertyName("signatureHex")] string SignatureHex);

    /// <summary>The JSON document.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Parses the JSON document; a document that is not one is bad input.</summary>
    public static SignedGenesisUnlock FromJson(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<SignedGenesisUnlock>(json) ?? throw new InvalidDataException($"{source}: empty unlock");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a signed genesis unlock: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Verifies like the reference node: for each signatory slot, the signature whose key text equals the slot's key
    /// must verify over the seed; a bad one fails the whole unlock; the count must reach <paramref name="required"/>.
    /// The seed must also end with the beacon key, which the reference does not check and Rollout does.
    /// </summary>
    public bool Verify(SignatorySet signatories, int required, out string problem)
    {
        ArgumentNullException.ThrowIfNull(signatories);
        if (GenesisSeedHex.Length % 2 != 0 || !GenesisSeedHex.All(Uri.IsHexDigit)
            || !GenesisSeed.TryParse(Convert.FromHexString(GenesisSeedHex), out var seed, out _))
        {
            problem = "genesisSeedHex is not a genesis seed";
            return false;
        }
        if (!seed!.Beacon.SequenceEqual(Beacon))
        {
            problem = "the seed does not bind the beacon key";
            return false;
        }
        var count = 0;
        for (var slot = 1; slot <= signatories.Count; slot++)
        {
            if (signatories.IsRetired(slot)) continue;
            var keyHex = Convert.ToHexStringLower(signatories.KeyOf(slot));
            var match = Signatures.FirstOrDefault(s => s.PublicKeyHex == keyHex);
            if (match is null) continue;
            if (match.SignatureHex.Length != Ed448Keys.SignatureSize * 2 || !match.SignatureHex.All(Uri.IsHexDigit)
                || !Ed448Keys.Verify(signatories.KeyOf(slot), seed.SignedText, Convert.FromHexString(match.SignatureHex)))
            {
                problem = $"failed signature check for signatory #{slot}";
                return false;
            }
            count++;
        }
        problem = count >= required ? "" : $"quorum on signatures not met: {count} of {required}";
        return count >= required;
    }
}

using System.Numerics;
using System.Text.Json;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.TypedData;

namespace Rollout.Bridge.Safe;

/// <summary>
/// One owner's signature of a SafeTx hash: ECDSA directly over the 32-byte EIP-712 hash (no eth_sign
/// prefix), written r ‖ s ‖ v with v = 27 or 28 as the Safe's <c>checkSignatures</c> expects.
/// The file form is <c>{"safeTxHash", "owner", "signature"}</c>.
/// </summary>
/// <param name="SafeTxHash">The hash signed.</param>
/// <param name="Owner">The owner who claims to have signed.</param>
/// <param name="Signature">65 bytes r ‖ s ‖ v.</param>
public sealed record SafeSignature(byte[] SafeTxHash, Address Owner, byte[] Signature)
{
    private static readonly string[] Members = ["safeTxHash", "owner", "signature"];

    /// <summary>Signs the SafeTx hash of <paramref name="tx"/> for the Safe at <paramref name="safe"/> on <paramref name="chainId"/>.</summary>
    public static SafeSignature Sign(SafeTx tx, BigInteger chainId, Address safe, Secp256k1Key owner)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(owner);
        return SignHash(tx.Hash(chainId, safe), owner);
    }

    /// <summary>Signs an already computed SafeTx hash.</summary>
    public static SafeSignature SignHash(byte[] safeTxHash, Secp256k1Key owner)
    {
        ArgumentNullException.ThrowIfNull(safeTxHash);
        ArgumentNullException.ThrowIfNull(owner);
        return new SafeSignature((byte[])safeTxHash.Clone(), owner.Address, owner.Sign(safeTxHash).ToBytes());
    }

    /// <summary>The address the signature recovers to over <see cref="SafeTxHash"/>; throws when it recovers to nothing.</summary>
    public Address RecoverSigner()
    {
        if (Signature.Length != 65 || Signature[64] is not (27 or 28))
        {
            throw new InvalidDataException($"signature of {Owner}: not 65 bytes ending in v = 27 or 28 (the Safe reads other v values as contract, approved-hash or eth_sign signatures)");
        }
        return SignatureRecovery.RecoverAddress(SafeTxHash, EthSignature.FromBytes(Signature));
    }

    /// <summary>The JSON document an owner's machine writes.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("safeTxHash", Hex.Encode(SafeTxHash));
            writer.WriteString("owner", Owner.ToString());
            writer.WriteString("signature", Hex.Encode(Signature));
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads a signature document; <paramref name="source"/> names it in errors.</summary>
    public static SafeSignature FromJson(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = SafeJson.Parse(json, source, Members);
        var root = document.RootElement;
        var hash = Hex.Decode(SafeJson.String(root, "safeTxHash", source), $"{source}.safeTxHash");
        if (hash.Length != 32) throw new InvalidDataException($"{source}.safeTxHash: {hash.Length} bytes, expected 32");
        var signature = Hex.Decode(SafeJson.String(root, "signature", source), $"{source}.signature");
        if (signature.Length != 65) throw new InvalidDataException($"{source}.signature: {signature.Length} bytes, expected 65 (r, s, v)");
        return new SafeSignature(hash, Address.Parse(SafeJson.String(root, "owner", source), $"{source}.owner"), signature);
    }
}

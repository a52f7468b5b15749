using System.Numerics;
using System.Text.Json;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.TypedData;

namespace Rollout.Bridge.Safe;

/// <summary>
/// A SafeTx as the deployer hands it to the owners: which Safe, which chain, the ten SafeTx fields and
/// their EIP-712 hash. Owners sign it offline (<c>rollout eth safe-sign --tx</c>); reading a document
/// recomputes the hash from the fields and refuses one whose stated hash differs, so a signer never
/// signs a hash that does not describe the call shown to them.
/// </summary>
/// <param name="Safe">The Safe that will execute the transaction.</param>
/// <param name="ChainId">The chain it lives on.</param>
/// <param name="Tx">The SafeTx fields.</param>
/// <param name="Description">What the transaction does, for people (optional).</param>
public sealed record SafeTxProposal(Address Safe, BigInteger ChainId, SafeTx Tx, string? Description = null)
{
    private static readonly string[] Members =
        ["safe", "chainId", "description", "to", "value", "data", "operation", "safeTxGas", "baseGas", "gasPrice", "gasToken", "refundReceiver", "nonce", "safeTxHash"];

    /// <summary>The SafeTx hash owners sign.</summary>
    public byte[] SafeTxHash => Tx.Hash(ChainId, Safe);

    /// <summary>The JSON document (numbers as decimal strings, bytes as 0x hex).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("safe", Safe.ToString());
            writer.WriteString("chainId", SafeJson.Decimal(ChainId));
            if (Description is not null) writer.WriteString("description", Description);
            writer.WriteString("to", Tx.To.ToString());
            writer.WriteString("value", SafeJson.Decimal(Tx.Value));
            writer.WriteString("data", Hex.Encode(Tx.Data));
            writer.WriteString("operation", SafeJson.Decimal(Tx.Operation));
            writer.WriteString("safeTxGas", SafeJson.Decimal(Tx.SafeTxGas));
            writer.WriteString("baseGas", SafeJson.Decimal(Tx.BaseGas));
            writer.WriteString("gasPrice", SafeJson.Decimal(Tx.GasPrice));
            writer.WriteString("gasToken", Tx.GasToken.ToString());
            writer.WriteString("refundReceiver", Tx.RefundReceiver.ToString());
            writer.WriteString("nonce", SafeJson.Decimal(Tx.Nonce));
            writer.WriteString("safeTxHash", Hex.Encode(SafeTxHash));
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// Reads a proposal; <paramref name="source"/> names it in errors. Throws <see cref="InvalidDataException"/>
    /// for a missing or malformed field and when <c>safeTxHash</c> is not the hash of the fields.
    /// </summary>
    public static SafeTxProposal FromJson(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = SafeJson.Parse(json, source, Members);
        var r = document.RootElement;
        var operation = SafeJson.Decimal(r, "operation", source);
        if (operation > 1) throw new InvalidDataException($"{source}.operation: {operation} is neither 0 (call) nor 1 (delegatecall)");
        var tx = new SafeTx(
            Address.Parse(SafeJson.String(r, "to", source), $"{source}.to"),
            SafeJson.Decimal(r, "value", source),
            Hex.Decode(SafeJson.String(r, "data", source), $"{source}.data"),
            (byte)operation,
            SafeJson.Decimal(r, "safeTxGas", source),
            SafeJson.Decimal(r, "baseGas", source),
            SafeJson.Decimal(r, "gasPrice", source),
            Address.Parse(SafeJson.String(r, "gasToken", source), $"{source}.gasToken"),
            Address.Parse(SafeJson.String(r, "refundReceiver", source), $"{source}.refundReceiver"),
            SafeJson.Decimal(r, "nonce", source));
        var description = SafeJson.OptionalString(r, "description", source);
        var proposal = new SafeTxProposal(Address.Parse(SafeJson.String(r, "safe", source), $"{source}.safe"), SafeJson.Decimal(r, "chainId", source), tx, description);
        var stated = Hex.Decode(SafeJson.String(r, "safeTxHash", source), $"{source}.safeTxHash");
        var computed = proposal.SafeTxHash;
        if (!stated.AsSpan().SequenceEqual(computed))
        {
            throw new InvalidDataException($"{source}.safeTxHash: {Hex.Encode(stated)} is not the hash of the fields ({Hex.Encode(computed)}); refusing a transaction whose hash does not match what it describes");
        }
        return proposal;
    }

    /// <summary>A plain call from the Safe (operation 0, no gas refund) at the Safe's nonce.</summary>
    public static SafeTxProposal Call(Address safe, BigInteger chainId, Address to, byte[] data, BigInteger nonce, BigInteger? value = null, string? description = null) =>
        new(safe, chainId, new SafeTx(to, value ?? BigInteger.Zero, data, 0, 0, 0, 0, Address.Zero, Address.Zero, nonce), description);
}

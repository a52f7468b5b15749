using System.Numerics;

namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>The transaction-like object of <c>eth_call</c> and <c>eth_estimateGas</c>.</summary>
/// <param name="To">The contract called; null for a deployment estimate.</param>
/// <param name="Data">The calldata.</param>
/// <param name="From">The caller, when it matters (access control, balances).</param>
/// <param name="Value">Wei sent.</param>
/// <param name="Gas">A gas cap.</param>
public sealed record CallRequest(Address? To, byte[] Data, Address? From = null, BigInteger? Value = null, ulong? Gas = null)
{
    internal Dictionary<string, string> ToJson()
    {
        var json = new Dictionary<string, string>(StringComparer.Ordinal) { ["data"] = Hex.Encode(Data ?? []) };
        if (To is not null) json["to"] = To.ToLowerHex();
        if (From is not null) json["from"] = From.ToLowerHex();
        if (Value is { } value) json["value"] = Hex.EncodeQuantity(value);
        if (Gas is { } gas) json["gas"] = Hex.EncodeQuantity(gas);
        return json;
    }
}

using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Rollout.Bridge.Ethereum.TypedData;

/// <summary>
/// A complete EIP-712 document as <c>eth_signTypedData_v4</c> takes it: struct types, the primary
/// type, the domain and the message. Values: numbers as <see cref="BigInteger"/> (or decimal / 0x
/// strings), addresses as <see cref="Address"/> or hex, bytes as <c>byte[]</c> or hex, structs as
/// dictionaries, arrays as lists.
/// </summary>
/// <param name="Types">Struct types by name; an <c>EIP712Domain</c> entry, if any, is ignored in favour of the domain's own fields.</param>
/// <param name="PrimaryType">The type of <paramref name="Message"/>.</param>
/// <param name="Domain">Domain fields: any of name, version, chainId, verifyingContract, salt.</param>
/// <param name="Message">The message, a value of <paramref name="PrimaryType"/>.</param>
public sealed record TypedDataDocument(
    IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> Types,
    string PrimaryType,
    IReadOnlyDictionary<string, object?> Domain,
    IReadOnlyDictionary<string, object?> Message)
{
    /// <summary>The digest a signer signs: Keccak-256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(message)).</summary>
    public byte[] Hash() => TypedDataEncoder.Hash(Domain, Types, PrimaryType, Message);

    /// <summary>Reads the JSON form (<c>{types, primaryType, domain, message}</c>); <paramref name="source"/> names it in errors.</summary>
    public static TypedDataDocument FromJson(JsonElement json, string source = "typed data")
    {
        if (json.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{source}: expected a JSON object");
        var types = new Dictionary<string, IReadOnlyList<TypedDataField>>(StringComparer.Ordinal);
        foreach (var type in Required(json, "types", source).EnumerateObject())
        {
            types[type.Name] = type.Value.EnumerateArray().Select((f, i) => new TypedDataField(
                Required(f, "name", $"{source}.types.{type.Name}[{i}]").GetString()!,
                Required(f, "type", $"{source}.types.{type.Name}[{i}]").GetString()!)).ToArray();
        }
        return new TypedDataDocument(
            types,
            Required(json, "primaryType", source).GetString() ?? throw new InvalidDataException($"{source}.primaryType: expected a string"),
            (IReadOnlyDictionary<string, object?>)ToValue(Required(json, "domain", source))!,
            (IReadOnlyDictionary<string, object?>)ToValue(Required(json, "message", source))!);
    }

    private static JsonElement Required(JsonElement json, string name, string source) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) ? value : throw new InvalidDataException($"{source}.{name}: missing");

    private static object? ToValue(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => json.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => json.EnumerateArray().Select(ToValue).ToArray(),
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => BigInteger.Parse(json.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}

using System.Numerics;
using System.Text.Json;

namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>Reads the hex-encoded members of JSON-RPC results strictly, naming the member in errors.</summary>
internal static class RpcJson
{
    public static BigInteger Quantity(JsonElement json, string field) =>
        json.ValueKind == JsonValueKind.String ? Hex.DecodeQuantity(json.GetString()!, field) : throw new InvalidDataException($"{field}: expected a hex quantity, got {json.ValueKind}");

    public static ulong ULong(JsonElement json, string field)
    {
        var value = Quantity(json, field);
        return value <= ulong.MaxValue ? (ulong)value : throw new InvalidDataException($"{field}: {value} does not fit 64 bits");
    }

    public static byte[] Data(JsonElement json, string field) =>
        json.ValueKind == JsonValueKind.String ? Hex.Decode(json.GetString()!, field) : throw new InvalidDataException($"{field}: expected hex data, got {json.ValueKind}");

    public static byte[] Hash(JsonElement json, string field)
    {
        var bytes = Data(json, field);
        return bytes.Length == 32 ? bytes : throw new InvalidDataException($"{field}: {bytes.Length} bytes, expected a 32-byte hash");
    }

    public static Address Address(JsonElement json, string field) =>
        json.ValueKind == JsonValueKind.String ? Ethereum.Address.Parse(json.GetString(), field) : throw new InvalidDataException($"{field}: expected an address, got {json.ValueKind}");

    public static Address? OptionalAddress(JsonElement parent, string name, string field) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Address(value, $"{field}.{name}") : null;

    public static JsonElement Member(JsonElement parent, string name, string field) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : throw new InvalidDataException($"{field}.{name}: missing");

    public static ulong? OptionalULong(JsonElement parent, string name, string field) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? ULong(value, $"{field}.{name}") : null;

    public static LogEntry Log(JsonElement json, string field) => new(
        Address(Member(json, "address", field), field + ".address"),
        Member(json, "topics", field).EnumerateArray().Select((t, i) => Hash(t, $"{field}.topics[{i}]")).ToArray(),
        Data(Member(json, "data", field), field + ".data"),
        OptionalULong(json, "blockNumber", field),
        json.TryGetProperty("transactionHash", out var hash) && hash.ValueKind == JsonValueKind.String ? Hash(hash, field + ".transactionHash") : null,
        OptionalULong(json, "logIndex", field),
        json.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.True);
}

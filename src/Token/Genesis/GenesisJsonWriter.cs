using System.Globalization;
using System.Text.Json;
using Rollout.Token.Commitment;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Genesis;

/// <summary>
/// Writes <c>genesis.json</c>: the root, the totals (overall, per source, the bridge's), and every
/// allocation in address order. Amounts are units as decimal strings, never JSON numbers.
/// </summary>
public static class GenesisJsonWriter
{
    /// <summary>The format tag of the file.</summary>
    public const string Format = "rollout-genesis-v1";

    private static readonly JsonEncodedText AddressName = JsonEncodedText.Encode("address");
    private static readonly JsonEncodedText AmountName = JsonEncodedText.Encode("amount");

    /// <summary>Writes the genesis with its Merkle root to <paramref name="stream"/>.</summary>
    public static void Write(TokenGenesis genesis, string rootHex, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteString("unitsPerQuil", QuilAmount.UnitsPerQuil.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("root", rootHex);
        writer.WriteString("totalAmount", Text(genesis.TotalUnits));
        writer.WriteString("supplyCap", Text(genesis.SupplyCap));
        writer.WriteStartObject("bridge");
        writer.WriteString("address", genesis.BridgeAddress.ToString());
        writer.WriteString("amount", Text(genesis.BridgeUnits));
        writer.WriteEndObject();
        writer.WriteStartArray("sources");
        foreach (var source in genesis.Sources)
        {
            writer.WriteStartObject();
            writer.WriteString("file", source.Source);
            writer.WriteNumber("entries", source.Entries);
            writer.WriteNumber("included", source.Included);
            writer.WriteNumber("excludedAsBridged", source.ExcludedAsBridged);
            writer.WriteString("amount", Text(source.Units));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteNumber("allocationCount", genesis.Allocations.Count);
        writer.WriteStartArray("allocations");
        Span<byte> hex = stackalloc byte[Utf8Values.HexLength];
        Span<byte> units = stackalloc byte[Utf8Values.UnitsLength];
        foreach (var allocation in genesis.Allocations)
        {
            writer.WriteStartObject();
            writer.WriteString(AddressName, Utf8Values.Hex(allocation.Address, hex));
            writer.WriteString(AmountName, Utf8Values.Units(allocation.Units, units));
            writer.WriteEndObject();
            if (writer.BytesPending > 1 << 16) writer.Flush();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static string Text(System.Numerics.BigInteger units) => units.ToString(CultureInfo.InvariantCulture);
}

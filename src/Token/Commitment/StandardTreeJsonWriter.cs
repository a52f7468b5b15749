using System.Text.Json;

namespace Rollout.Token.Commitment;

/// <summary>
/// Writes a tree as OpenZeppelin's <c>StandardMerkleTree.dump()</c> does, so <c>StandardMerkleTree.load</c>
/// accepts it: <c>{"format":"standard-v1","leafEncoding":["bytes32","uint256"],"tree":[…],"values":[{"value":[address, amount],"treeIndex":n}]}</c>.
/// Amounts are decimal strings (JSON numbers would lose precision in JavaScript, and the library refuses them).
/// </summary>
public static class StandardTreeJsonWriter
{
    /// <summary>The format tag of OpenZeppelin's dump.</summary>
    public const string Format = "standard-v1";

    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText TreeIndexName = JsonEncodedText.Encode("treeIndex");

    /// <summary>Writes <paramref name="tree"/> to <paramref name="stream"/> as compact JSON.</summary>
    public static void Write(StandardMerkleTree tree, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(tree);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, SkipValidation = true });
        Span<byte> hex = stackalloc byte[Utf8Values.HexLength];
        Span<byte> units = stackalloc byte[Utf8Values.UnitsLength];
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteStartArray("leafEncoding");
        foreach (var type in AllocationLeaf.Encoding) writer.WriteStringValue(type);
        writer.WriteEndArray();
        writer.WriteStartArray("tree");
        for (var i = 0; i < tree.NodeCount; i++)
        {
            writer.WriteStringValue(Utf8Values.Hex(tree.Node(i), hex));
            if (writer.BytesPending > 1 << 16) writer.Flush();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("values");
        for (var i = 0; i < tree.Values.Count; i++)
        {
            var value = tree.Values[i];
            writer.WriteStartObject();
            writer.WriteStartArray(ValueName);
            writer.WriteStringValue(Utf8Values.Hex(value.Address, hex));
            writer.WriteStringValue(Utf8Values.Units(value.Units, units));
            writer.WriteEndArray();
            writer.WriteNumber(TreeIndexName, tree.TreeIndexOf(i));
            writer.WriteEndObject();
            if (writer.BytesPending > 1 << 16) writer.Flush();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }
}

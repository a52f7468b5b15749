using System.Globalization;
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

    /// <summary>Writes <paramref name="tree"/> to <paramref name="stream"/> as compact JSON.</summary>
    public static void Write(StandardMerkleTree tree, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(tree);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, SkipValidation = true });
        Span<char> hex = stackalloc char[66];
        Span<byte> address = stackalloc byte[32];
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteStartArray("leafEncoding");
        foreach (var type in AllocationLeaf.Encoding) writer.WriteStringValue(type);
        writer.WriteEndArray();
        writer.WriteStartArray("tree");
        for (var i = 0; i < tree.NodeCount; i++)
        {
            writer.WriteStringValue(Hex(tree.Node(i), hex));
            if (writer.BytesPending > 1 << 16) writer.Flush();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("values");
        for (var i = 0; i < tree.Values.Count; i++)
        {
            var value = tree.Values[i];
            value.Address.WriteTo(address);
            writer.WriteStartObject();
            writer.WriteStartArray("value");
            writer.WriteStringValue(Hex(address, hex));
            writer.WriteStringValue(value.Units.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndArray();
            writer.WriteNumber("treeIndex", tree.TreeIndexOf(i));
            writer.WriteEndObject();
            if (writer.BytesPending > 1 << 16) writer.Flush();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static ReadOnlySpan<char> Hex(ReadOnlySpan<byte> bytes, Span<char> buffer)
    {
        buffer[0] = '0';
        buffer[1] = 'x';
        Convert.TryToHexStringLower(bytes, buffer[2..], out var written);
        return buffer[..(2 + written)];
    }
}

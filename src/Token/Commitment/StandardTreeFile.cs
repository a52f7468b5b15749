using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Rollout.Token.Addressing;
using Rollout.Token.Genesis;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Commitment;

/// <summary>
/// Loads a <c>tree.json</c> in the standard-v1 layout with leaf encoding <c>["bytes32","uint256"]</c>,
/// and refuses it unless it is exactly the standard tree of its own values: the tree is rebuilt from
/// the values and every node and tree index compared, so a proof taken from it is a proof of its root.
/// </summary>
public static class StandardTreeFile
{
    /// <summary>Loads and checks the file at <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the file and what is wrong.</summary>
    public static StandardMerkleTree Load(string path)
    {
        var name = Path.GetFileName(path);
        // The snapshot rules: at most SnapshotBytes.MaxFileBytes of UTF-8 without BOM, strict JSON, and
        // (below) no repeated or unknown member, so what is checked is exactly what a reader of the file sees.
        var document = SnapshotJson.Parse(name, SnapshotBytes.Read(path));
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad(name, "", "must be a JSON object");
            if (SnapshotJson.FieldProblem(root, field => field is "format" or "leafEncoding" or "tree" or "values", UnknownField) is { } problem)
            {
                throw Bad(name, problem.Field, problem.Problem);
            }
            if (!root.TryGetProperty("format", out var format) || !SnapshotJson.TryGetString(format, out var formatText) || formatText != StandardTreeJsonWriter.Format)
            {
                throw Bad(name, "format", $"must be \"{StandardTreeJsonWriter.Format}\"");
            }
            if (!root.TryGetProperty("leafEncoding", out var encoding) || encoding.ValueKind != JsonValueKind.Array
                || !encoding.EnumerateArray().Select(e => SnapshotJson.TryGetString(e, out var text) ? text : null).SequenceEqual(AllocationLeaf.Encoding))
            {
                throw Bad(name, "leafEncoding", "must be [\"bytes32\",\"uint256\"]");
            }
            var nodes = ReadNodes(name, root);
            var (values, treeIndex) = ReadValues(name, root);
            if (nodes.Length != ((2 * values.Length) - 1) * 32) throw Bad(name, "tree", $"holds {nodes.Length / 32} nodes, but {values.Length} values need {(2 * values.Length) - 1}");

            var rebuilt = StandardMerkleTree.Build(values);
            for (var i = 0; i < rebuilt.NodeCount; i++)
            {
                if (!rebuilt.Node(i).SequenceEqual(nodes.AsSpan(i * 32, 32))) throw Bad(name, $"tree[{i}]", "is not the standard tree of the file's values");
            }
            for (var i = 0; i < values.Length; i++)
            {
                if (rebuilt.TreeIndexOf(i) != treeIndex[i]) throw Bad(name, $"values[{i}].treeIndex", $"is {treeIndex[i]}, but the leaf sits at {rebuilt.TreeIndexOf(i)}");
            }
            return rebuilt;
        }
    }

    private static byte[] ReadNodes(string name, JsonElement root)
    {
        if (!root.TryGetProperty("tree", out var tree) || tree.ValueKind != JsonValueKind.Array || tree.GetArrayLength() == 0)
        {
            throw Bad(name, "tree", "must be a non-empty array of 32-byte hex strings");
        }
        var nodes = new byte[tree.GetArrayLength() * 32];
        var index = 0;
        foreach (var node in tree.EnumerateArray())
        {
            if (!TryHex32(node, nodes.AsSpan(index * 32, 32))) throw Bad(name, $"tree[{index}]", "is not a 0x-prefixed 32-byte hex string");
            index++;
        }
        return nodes;
    }

    private static (GenesisAllocation[] Values, int[] TreeIndex) ReadValues(string name, JsonElement root)
    {
        if (!root.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
        {
            throw Bad(name, "values", "must be a non-empty array");
        }
        var allocations = new GenesisAllocation[values.GetArrayLength()];
        var treeIndex = new int[allocations.Length];
        var seen = new Dictionary<QuilAddress, int>(allocations.Length);
        var i = 0;
        Span<byte> address = stackalloc byte[32];
        foreach (var entry in values.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object
                || !entry.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2
                || !entry.TryGetProperty("treeIndex", out var index) || !index.TryGetInt32(out treeIndex[i]))
            {
                throw Bad(name, $"values[{i}]", "must be {\"value\": [address, amount], \"treeIndex\": n}");
            }
            if (SnapshotJson.FieldProblem(entry, IsValueField, UnknownField) is { } problem)
            {
                throw Bad(name, problem.Field.Length == 0 ? $"values[{i}]" : $"values[{i}].{problem.Field}", problem.Problem);
            }
            if (!TryHex32(value[0], address)) throw Bad(name, $"values[{i}].value[0]", "is not a 0x-prefixed 32-byte hex string");
            if (!SnapshotJson.TryGetString(value[1], out var amountText)) amountText = "";
            if (amountText.Length is 0 or > 78 || !amountText.All(char.IsAsciiDigit)
                || !BigInteger.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > Snapshots.QuilAmount.MaxUnits)
            {
                throw Bad(name, $"values[{i}].value[1]", "is not a uint256 written as a decimal string");
            }
            var allocation = new GenesisAllocation(QuilAddress.FromBytes(address), amount);
            if (!seen.TryAdd(allocation.Address, i)) throw Bad(name, $"values[{i}].value[0]", $"{allocation.Address} already appears at values[{seen[allocation.Address]}]");
            allocations[i++] = allocation;
        }
        return (allocations, treeIndex);
    }

    private static bool IsValueField(string field) => field is "value" or "treeIndex";

    // A string that is not text (a lone surrogate escape) is not hex either.
    private static bool TryHex32(JsonElement element, Span<byte> destination)
    {
        if (element.ValueKind != JsonValueKind.String || !SnapshotJson.TryGetString(element, out var text)) return false;
        if (text.Length != 66 || !text.StartsWith("0x", StringComparison.Ordinal)) return false;
        return Convert.FromHexString(text.AsSpan(2), destination, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32;
    }

    private const string UnknownField = "is not a field of this file";

    private static InvalidDataException Bad(string name, string field, string problem) =>
        new(SnapshotText.Sanitize($"{name}{(field.Length == 0 ? "" : "." + field)}: {problem}"));
}

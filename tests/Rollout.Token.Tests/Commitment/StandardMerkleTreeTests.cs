using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Rollout.TestSupport;
using Rollout.Token.Addressing;
using Rollout.Token.Commitment;
using Rollout.Token.Genesis;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Tests.Commitment;

public sealed class StandardMerkleTreeTests
{
    [Fact]
    public void Build_ManySizes_GivesOpenZeppelinsRootTreeAndProofs()
    {
        var random = new Random(8);
        // Sizes around powers of two exercise the partial bottom level of the heap layout.
        var cases = new[] { 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33, 100, 257 }.Select(n => Allocations(random, n)).ToArray();
        var trees = cases.Select(StandardMerkleTree.Build).ToArray();
        var ours = trees.Select(tree =>
        {
            using var stream = new MemoryStream();
            StandardTreeJsonWriter.Write(tree, stream);
            return JsonNode.Parse(stream.ToArray())!;
        }).ToArray();
        var request = new JsonArray(cases.Select((c, i) => (JsonNode)new JsonObject { ["build"] = Values(c), ["load"] = ours[i].DeepClone() }).ToArray());
        var answers = JsonNode.Parse(NodeOracle.Run("merkle.mjs", request.ToJsonString()))!.AsArray();

        for (var k = 0; k < cases.Length; k++)
        {
            var (tree, oracle) = (trees[k], answers[k]!);
            Assert.Equal(oracle["built"]!["root"]!.GetValue<string>(), tree.RootHex);
            Assert.True(JsonNode.DeepEquals(oracle["built"]!["dump"], ours[k]), $"dump differs for {cases[k].Length} values");
            Assert.Equal(tree.RootHex, oracle["loaded"]!["root"]!.GetValue<string>());
            Assert.All(oracle["loaded"]!["verified"]!.AsArray(), v => Assert.True(v!.GetValue<bool>()));
            for (var i = 0; i < cases[k].Length; i++)
            {
                Assert.Equal(oracle["built"]!["proofs"]![i]!.AsArray().Select(p => p!.GetValue<string>()), tree.GetProof(i).Select(Hex));
            }
        }
    }

    [Fact]
    public void Build_OurProofs_AreAcceptedByOpenZeppelinsVerifyAndTamperedOnesAreNot()
    {
        var allocations = Allocations(new Random(3), 40);
        var tree = StandardMerkleTree.Build(allocations);
        var checks = new JsonArray();
        for (var i = 0; i < allocations.Length; i++)
        {
            checks.Add(Check(tree.RootHex, allocations[i].Address, allocations[i].Units, tree.GetProof(i)));
            checks.Add(Check(tree.RootHex, allocations[i].Address, allocations[i].Units + 1, tree.GetProof(i)));
        }
        var verified = Oracle(new JsonObject { ["verify"] = checks })["verified"]!.AsArray().Select(v => v!.GetValue<bool>()).ToArray();

        for (var i = 0; i < allocations.Length; i++)
        {
            Assert.True(verified[2 * i]);
            Assert.False(verified[(2 * i) + 1]);
            Assert.True(MerkleProof.Verify(tree.Root, allocations[i].Address, allocations[i].Units, tree.GetProof(i)));
            Assert.False(MerkleProof.Verify(tree.Root, allocations[i].Address, allocations[i].Units + 1, tree.GetProof(i)));
        }
    }

    [Fact]
    public void Build_AmountsUpToUint256Max_EncodeLikeOpenZeppelin()
    {
        var allocations = new[]
        {
            new GenesisAllocation(QuilAddress.Parse("0x" + new string('f', 64)), QuilAmount.MaxUnits),
            new GenesisAllocation(QuilAddress.Parse("0x" + new string('0', 64)), BigInteger.One << 255),
            new GenesisAllocation(QuilAddress.Parse("0x" + new string('0', 63) + "1"), 1),
        };
        var oracle = Oracle(new JsonObject { ["build"] = Values(allocations) });
        Assert.Equal(oracle["built"]!["root"]!.GetValue<string>(), StandardMerkleTree.Build(allocations).RootHex);
    }

    [Fact]
    public void Build_NoAllocation_IsRefused() =>
        Assert.Throws<InvalidDataException>(() => StandardMerkleTree.Build([]));

    [Fact]
    public void Load_WrittenTree_GivesTheSameRootAndProofs()
    {
        using var dir = new TempDirectory();
        var tree = StandardMerkleTree.Build(Allocations(new Random(5), 21));
        var path = dir.Combine("tree.json");
        using (var stream = File.Create(path)) StandardTreeJsonWriter.Write(tree, stream);

        var loaded = StandardTreeFile.Load(path);
        Assert.Equal(tree.RootHex, loaded.RootHex);
        Assert.Equal(tree.GetProof(7).Select(Hex), loaded.GetProof(7).Select(Hex));
    }

    [Fact]
    public void Load_TamperedAmount_IsRefused()
    {
        var json = Written(Allocations(new Random(6), 5));
        var node = JsonNode.Parse(json)!;
        node["values"]![2]!["value"]![1] = "999";
        Assert.Contains("is not the standard tree of the file's values", LoadFails(node.ToJsonString()), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongTreeIndex_IsRefused()
    {
        var node = JsonNode.Parse(Written(Allocations(new Random(6), 5)))!;
        var a = node["values"]![0]!["treeIndex"]!.GetValue<int>();
        var b = node["values"]![1]!["treeIndex"]!.GetValue<int>();
        node["values"]![0]!["treeIndex"] = b;
        node["values"]![1]!["treeIndex"] = a;
        Assert.StartsWith("tree.json.values[0].treeIndex:", LoadFails(node.ToJsonString()), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateTopLevelKey_IsRefusedRatherThanLastWins()
    {
        var json = Written(Allocations(new Random(7), 3));
        var duplicated = "{\"format\":\"standard-v2\"," + json[1..];
        Assert.Equal("tree.json.format: appears twice in the same object", LoadFails(duplicated));
    }

    [Fact]
    public void Load_DuplicateKeyInAValue_IsRefused()
    {
        var json = Written(Allocations(new Random(7), 3));
        var duplicated = json.Replace("{\"value\":", "{\"treeIndex\":0,\"value\":", StringComparison.Ordinal);
        Assert.Equal("tree.json.values[0].treeIndex: appears twice in the same object", LoadFails(duplicated));
    }

    [Fact]
    public void Load_UnknownMember_IsRefused()
    {
        var node = JsonNode.Parse(Written(Allocations(new Random(8), 3)))!;
        node["root"] = "0x00";
        Assert.Equal("tree.json.root: is not a field of this file", LoadFails(node.ToJsonString()));
        node = JsonNode.Parse(Written(Allocations(new Random(8), 3)))!;
        node["values"]![1]!["proof"] = new JsonArray();
        Assert.Equal("tree.json.values[1].proof: is not a field of this file", LoadFails(node.ToJsonString()));
    }

    [Fact]
    public void Load_FileOverTheSizeLimit_IsRefusedBeforeReading()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("tree.json");
        // A sparse file: its length is past the limit without writing a gigabyte.
        using (var stream = File.Create(path)) stream.SetLength(Rollout.Token.Snapshots.SnapshotBytes.MaxFileBytes + 1);
        var error = Assert.Throws<InvalidDataException>(() => StandardTreeFile.Load(path));
        Assert.Equal($"tree.json: is {(1L << 30) + 1} bytes; snapshot files are at most {1L << 30} bytes", error.Message);
    }

    [Fact]
    public void Load_ByteOrderMark_IsRefused() =>
        Assert.StartsWith("tree.json: starts with a byte order mark", LoadFails("\uFEFF" + Written(Allocations(new Random(9), 2))), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"format":"standard-v2","leafEncoding":["bytes32","uint256"],"tree":[],"values":[]}""", "tree.json.format:")]
    [InlineData("""{"format":"standard-v1","leafEncoding":["address","uint256"],"tree":[],"values":[]}""", "tree.json.leafEncoding:")]
    [InlineData("""{"format":"standard-v1","leafEncoding":["bytes32","uint256"],"tree":["0x12"],"values":[]}""", "tree.json.tree[0]:")]
    [InlineData("""{"format":"\udc00","leafEncoding":["bytes32","uint256"],"tree":[],"values":[]}""", "tree.json.format:")]
    [InlineData("""{"format":"standard-v1","leafEncoding":["\ud800","uint256"],"tree":[],"values":[]}""", "tree.json.leafEncoding:")]
    [InlineData("""{"format":"standard-v1","leafEncoding":["bytes32","uint256"],"tree":["\ud800"],"values":[]}""", "tree.json.tree[0]:")]
    [InlineData("""{"format":"standard-v1","leafEncoding":["bytes32","uint256"],"tree":["0x0000000000000000000000000000000000000000000000000000000000000000"],"values":[{"value":["\ud800","1"],"treeIndex":0}]}""", "tree.json.values[0].value[0]:")]
    [InlineData("""{"format":"standard-v1","leafEncoding":["bytes32","uint256"],"tree":["0x0000000000000000000000000000000000000000000000000000000000000000"],"values":[{"value":["0x0000000000000000000000000000000000000000000000000000000000000000","\udc00"],"treeIndex":0}]}""", "tree.json.values[0].value[1]:")]
    [InlineData("""[1,2]""", "tree.json: must be a JSON object")]
    [InlineData("""{"format":""", "tree.json: is not valid JSON")]
    public void Load_MalformedFile_NamesTheField(string json, string start) =>
        Assert.StartsWith(start, LoadFails(json), StringComparison.Ordinal);

    private static GenesisAllocation[] Allocations(Random random, int count)
    {
        var bytes = new byte[32];
        return Enumerable.Range(0, count).Select(_ =>
        {
            random.NextBytes(bytes);
            return new GenesisAllocation(QuilAddress.FromBytes(bytes), random.NextInt64(1, long.MaxValue));
        }).OrderBy(a => a.Address).ToArray();
    }

    private static JsonArray Values(IEnumerable<GenesisAllocation> allocations) =>
        new(allocations.Select(a => (JsonNode)new JsonArray(a.Address.ToString(), a.Units.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());

    private static JsonObject Check(string root, QuilAddress address, BigInteger amount, IEnumerable<byte[]> proof) => new()
    {
        ["root"] = root,
        ["value"] = new JsonArray(address.ToString(), amount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ["proof"] = new JsonArray(proof.Select(p => (JsonNode)Hex(p)).ToArray()),
    };

    private static JsonNode Oracle(JsonObject request) => JsonNode.Parse(NodeOracle.Run("merkle.mjs", request.ToJsonString()))!;

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);

    private static string Written(GenesisAllocation[] allocations)
    {
        using var stream = new MemoryStream();
        StandardTreeJsonWriter.Write(StandardMerkleTree.Build(allocations), stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string LoadFails(string json)
    {
        using var dir = new TempDirectory();
        return Assert.Throws<InvalidDataException>(() => StandardTreeFile.Load(dir.Write("tree.json", json))).Message;
    }
}

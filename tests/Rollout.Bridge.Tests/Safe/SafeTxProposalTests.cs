using System.Numerics;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.TypedData;
using Rollout.Bridge.Safe;
using Rollout.TestSupport;

namespace Rollout.Bridge.Tests.Safe;

public sealed class SafeTxProposalTests
{
    private static readonly Address SafeAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");

    [Fact]
    public void Json_RoundTrips_AllFieldsAndTheHash()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<(ulong, ulong, byte[], bool, uint, ulong)>(), t =>
        {
            var (value, nonce, data, delegateCall, safeTxGas, chainId) = t;
            var tx = new SafeTx(Address.Parse("0x00000000000000000000000000000000000000aa"), new BigInteger(value) << 100, data ?? [], delegateCall ? (byte)1 : (byte)0,
                safeTxGas, 21_000, 3, Address.Zero, SafeAddress, nonce);
            var proposal = new SafeTxProposal(SafeAddress, new BigInteger(chainId) + 1, tx, "unpause wQUIL");
            var read = SafeTxProposal.FromJson(proposal.ToJson(), "tx.json");
            return read.SafeTxHash.AsSpan().SequenceEqual(proposal.SafeTxHash) && read.Tx.Data.AsSpan().SequenceEqual(tx.Data)
                && read.Tx with { Data = tx.Data } == tx && read.Safe == SafeAddress && read.ChainId == proposal.ChainId && read.Description == "unpause wQUIL";
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("\"nonce\": \"4\"", "\"nonce\": \"5\"")]
    [InlineData("\"operation\": \"0\"", "\"operation\": \"1\"")]
    [InlineData("\"chainId\": \"31337\"", "\"chainId\": \"1\"")]
    [InlineData("\"data\": \"0x3f4ba83a\"", "\"data\": \"0x8456cb59\"")]
    public void FromJson_FieldChangedButHashKept_IsRefused(string original, string changed)
    {
        var json = Unpause().ToJson();
        Assert.Contains(original, json, StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => SafeTxProposal.FromJson(json.Replace(original, changed, StringComparison.Ordinal), "tx.json"));

        Assert.StartsWith("tx.json.safeTxHash: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not the hash of the fields", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"nonce\": \"4\"", "\"nonce\": 4", "tx.json.nonce: expected a string")]
    [InlineData("\"value\": \"0\"", "\"value\": \"1e3\"", "tx.json.value: \"1e3\" is not a decimal integer")]
    [InlineData("\"operation\": \"0\"", "\"operation\": \"2\"", "tx.json.operation: 2 is neither 0 (call) nor 1 (delegatecall)")]
    [InlineData("\"baseGas\": \"0\",", "", "tx.json.baseGas: missing")]
    public void FromJson_MalformedField_NamesIt(string original, string changed, string message)
    {
        var json = Unpause().ToJson().Replace(original, changed, StringComparison.Ordinal);

        Assert.Equal(message, Assert.Throws<InvalidDataException>(() => SafeTxProposal.FromJson(json, "tx.json")).Message);
    }

    [Fact]
    public void FileFields_AsWritten_HashToTheFilesSafeTxHashInEthers()
    {
        var proposals = new[] { Unpause(), Unpause() with { Tx = Unpause().Tx with { Value = BigInteger.Pow(2, 200), Operation = 1, GasPrice = 7, GasToken = SafeAddress } } };
        var cases = proposals.Select(p =>
        {
            using var document = JsonDocument.Parse(p.ToJson());
            var r = document.RootElement;
            string S(string name) => r.GetProperty(name).GetString()!;
            return new
            {
                domain = new Dictionary<string, string> { ["chainId"] = S("chainId"), ["verifyingContract"] = S("safe") },
                types = new Dictionary<string, object> { ["SafeTx"] = SafeTx.Types["SafeTx"].Select(f => new { name = f.Name, type = f.Type }).ToArray() },
                message = SafeTx.Types["SafeTx"].ToDictionary(f => f.Name, f => S(f.Name)),
                expected = S("safeTxHash"),
            };
        }).ToArray();

        var answer = JsonDocument.Parse(NodeOracle.Run("eth-712.mjs", JsonSerializer.Serialize(cases.Select(c => new { c.domain, c.types, c.message })))).RootElement;

        for (var i = 0; i < cases.Length; i++) Assert.Equal(cases[i].expected, answer[i].GetProperty("hash").GetString());
    }

    [Fact]
    public void FromJson_SecondToMember_IsRefusedNamingIt_ThoughTheHashMatchesTheLastOne()
    {
        // A reviewer reading from the top sees the first "to"; a lenient reader hashes the last one.
        var json = Unpause().ToJson().Replace("{\n", "{\n  \"to\": \"0x00000000000000000000000000000000000000bb\",\n", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => SafeTxProposal.FromJson(json, "tx.json"));

        Assert.Equal("tx.json.to: appears more than once", error.Message);
    }

    [Fact]
    public void FromJson_UnknownMember_IsRefusedNamingIt()
    {
        var json = Unpause().ToJson().Replace("{\n", "{\n  \"target\": \"0x00000000000000000000000000000000000000bb\",\n", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => SafeTxProposal.FromJson(json, "tx.json"));

        Assert.StartsWith("tx.json.target: not a member of this document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_LoneSurrogateEscapeInAMemberName_IsBadInputNamingTheFile()
    {
        var json = Unpause().ToJson().Replace("{\n", "{\n  \"\\ud800\": \"x\",\n", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => SafeTxProposal.FromJson(json, "tx.json"));

        Assert.StartsWith("tx.json: not text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_LoneSurrogateEscapeInTheDescription_IsBadInputNamingIt()
    {
        var json = (Unpause() with { Description = "placeholder" }).ToJson().Replace("\"placeholder\"", "\"\\udc00\"", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => SafeTxProposal.FromJson(json, "tx.json"));

        Assert.StartsWith("tx.json.description: not text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SignatureFromJson_SecondSignatureMember_IsRefusedNamingIt()
    {
        var signature = new SafeSignature(new byte[32], SafeAddress, new byte[65]);
        var json = signature.ToJson().Replace("{\n", "{\n  \"signature\": \"0x" + new string('1', 130) + "\",\n", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => SafeSignature.FromJson(json, "sig.json"));

        Assert.Equal("sig.json.signature: appears more than once", error.Message);
    }

    private static SafeTxProposal Unpause() => SafeTxProposal.Call(SafeAddress, 31337, Address.Parse("0x00000000000000000000000000000000000000aa"), [0x3f, 0x4b, 0xa8, 0x3a], 4, description: "unpause wQUIL");
}

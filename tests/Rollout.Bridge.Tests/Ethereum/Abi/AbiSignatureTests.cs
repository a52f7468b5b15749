using System.Numerics;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;

namespace Rollout.Bridge.Tests.Ethereum.Abi;

public sealed class AbiSignatureTests
{
    private static readonly string[] Fragments =
    [
        "function transfer(address to, uint256 amount) returns (bool)",
        "function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) returns (bool)",
        "function mint((address to, uint amount)[] batch, bytes32 root)",
        "function f(uint[2][] a, (bool,(string,bytes4))[3] b, int x)",
        "event Transfer(address indexed from, address indexed to, uint256 value)",
        "event Paused(address account)",
        "event Deposit(bytes32 indexed id, string indexed memo, (uint,address) pair, uint[] amounts, string note)",
        "error Unauthorized(address caller, bytes32 role)",
        "error EnforcedPause()",
    ];

    [Fact]
    public void Signatures_SelectorsAndTopics_EqualEthers()
    {
        var answer = AbiOracle.Run(new { fragments = Fragments }).GetProperty("fragments").EnumerateArray().ToArray();
        for (var i = 0; i < Fragments.Length; i++)
        {
            var text = Fragments[i];
            var (signature, id) = text.StartsWith("event", StringComparison.Ordinal)
                ? (AbiEvent.Parse(text).Signature, Hex.Encode(AbiEvent.Parse(text).Topic))
                : text.StartsWith("error", StringComparison.Ordinal)
                    ? (AbiError.Parse(text).Signature, Hex.Encode(AbiError.Parse(text).Selector))
                    : (AbiFunction.Parse(text).Signature, Hex.Encode(AbiFunction.Parse(text).Selector));
            Assert.Equal(answer[i].GetProperty("sighash").GetString(), signature);
            Assert.Equal(answer[i].GetProperty("id").GetString(), id);
        }
    }

    [Fact]
    public void Transfer_SelectorAndCalldata_AreTheWellKnownOnes()
    {
        var transfer = AbiFunction.Parse("function transfer(address to, uint256 amount) returns (bool)");
        Assert.Equal("0xa9059cbb", Hex.Encode(transfer.Selector));
        var to = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var calldata = transfer.EncodeCall(to, new BigInteger(1000));
        Assert.Equal(4 + 64, calldata.Length);
        var args = transfer.DecodeCall(calldata);
        Assert.Equal(to, args[0]);
        Assert.Equal(new BigInteger(1000), args[1]);
        Assert.Equal(true, transfer.DecodeOutput(AbiEncoder.Encode(AbiType.Bool, true))[0]);
    }

    [Fact]
    public void DecodeCall_OtherSelector_IsRejected()
    {
        var transfer = AbiFunction.Parse("transfer(address,uint256)");
        Assert.Throws<InvalidDataException>(() => transfer.DecodeCall(new byte[68]));
    }

    [Fact]
    public void DecodeLog_LogsEncodedByEthers_GiveTheValues()
    {
        var random = new RandomAbi(new Random(77));
        var events = Fragments.Where(f => f.StartsWith("event", StringComparison.Ordinal)).Select(AbiEvent.Parse).ToArray();
        var cases = Enumerable.Range(0, 30).Select(i =>
        {
            var e = events[i % events.Length];
            return (e, values: e.Parameters.Select(p => random.Value(p.Type)).ToArray());
        }).ToArray();
        var answer = AbiOracle.Run(new
        {
            events = cases.Select(c => new { fragment = "event " + EventText(c.e), values = c.values.Select(RandomAbi.Json) }),
        }).GetProperty("events").EnumerateArray().ToArray();

        for (var i = 0; i < cases.Length; i++)
        {
            var (e, values) = cases[i];
            var topics = answer[i].GetProperty("topics").EnumerateArray().Select(t => Hex.Decode(t.GetString()!)).ToArray();
            var decoded = e.DecodeLog(topics, Hex.Decode(answer[i].GetProperty("data").GetString()!));
            for (var p = 0; p < values.Length; p++)
            {
                var parameter = e.Parameters[p];
                var hashed = parameter.Indexed && (parameter.Type.IsDynamic || parameter.Type.Kind is AbiTypeKind.Tuple or AbiTypeKind.Array);
                // An indexed dynamic value is stored as its hash: ethers' topic must then be what we return.
                var expected = hashed ? topics[1 + e.Parameters.Take(p).Count(q => q.Indexed)] : values[p];
                Assert.True(RandomAbi.DeepEqual(expected, decoded[p]), $"case {i} parameter {p}: {RandomAbi.Describe(decoded[p])}");
            }
        }
    }

    [Fact]
    public void DecodeLog_WrongTopicCount_IsRejected()
    {
        var transfer = AbiEvent.Parse("Transfer(address indexed from, address indexed to, uint256 value)");
        Assert.Throws<InvalidDataException>(() => transfer.DecodeLog([transfer.Topic], new byte[32]));
    }

    private static string EventText(AbiEvent e) =>
        $"{e.Name}({string.Join(", ", e.Parameters.Select(p => p.Type.Canonical + (p.Indexed ? " indexed" : "") + (p.Name.Length > 0 ? " " + p.Name : "")))})";
}

using System.Numerics;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;
using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Bridge.Tests.Contracts;

public sealed class ContractAbiTests
{
    [Fact]
    public void WrappedQuilAbi_HasItsFunctionsEventsErrorsAndConstructor()
    {
        var abi = WrappedQuilContract.Abi;

        Assert.Equal("bridgeMint(address,uint256,bytes32)", abi.Function("bridgeMint").Signature);
        Assert.Equal("BridgedOut(address,bytes32,uint256)", abi.Event("BridgedOut").Signature);
        Assert.Contains(abi.Errors, e => e.Signature == "TransferAlreadyProcessed(bytes32)");
        Assert.Contains(abi.Errors, e => e.Signature == "AccessControlUnauthorizedAccount(address,bytes32)");
        Assert.Equal(["admin", "pauser", "minter"], abi.ConstructorInputs.Select(p => p.Name));
    }

    [Fact]
    public void Parse_TupleComponentsAndOverloads()
    {
        const string json = """
            [{"type":"function","name":"f","inputs":[{"name":"p","type":"tuple[]","components":[{"name":"a","type":"uint8"},{"name":"b","type":"tuple","components":[{"name":"c","type":"bytes"}]}]}],"outputs":[]},
             {"type":"function","name":"g","inputs":[],"outputs":[]},{"type":"function","name":"g","inputs":[{"name":"x","type":"uint256"}],"outputs":[]}]
            """;
        var abi = ContractAbi.Parse(json, "test.abi");

        Assert.Equal("f((uint8,(bytes))[])", abi.Function("f").Signature);
        Assert.Contains("overloaded", Assert.Throws<InvalidOperationException>(() => abi.Function("g")).Message, StringComparison.Ordinal);
        Assert.Equal("test.abi[0].inputs[0].components: missing for tuple",
            Assert.Throws<InvalidDataException>(() => ContractAbi.Parse("""[{"type":"function","name":"f","inputs":[{"name":"p","type":"tuple"}]}]""", "test.abi")).Message);
    }

    [Fact]
    public void DecodeLogs_DecodesItsEventsFromItsEmitter_AndSkipsTheRest()
    {
        var token = Address.Parse("0x00000000000000000000000000000000000000aa");
        var other = Address.Parse("0x00000000000000000000000000000000000000bb");
        var holder = Address.Parse("0x00000000000000000000000000000000000000cc");
        var bridgedOut = WrappedQuilContract.Abi.Event("BridgedOut");
        var quil = Enumerable.Repeat((byte)0x1a, 32).ToArray();
        byte[][] topics = [bridgedOut.Topic, AbiEncoder.Encode(AbiType.Address, holder), quil];
        var data = AbiEncoder.Encode(AbiType.UInt256, new BigInteger(250));
        LogEntry[] logs =
        [
            new(token, topics, data, 1, null, 0, false),
            new(other, topics, data, 1, null, 1, false),
            new(token, [new byte[32]], [], 1, null, 2, false),
        ];

        var decoded = Assert.Single(WrappedQuilContract.Abi.DecodeLogs(logs, token));

        Assert.Equal("BridgedOut", decoded.Name);
        Assert.Equal(holder, decoded.Get<Address>("from"));
        Assert.Equal(quil, decoded.Get<byte[]>("quilAddress"));
        Assert.Equal(new BigInteger(250), decoded.Get<BigInteger>("amount"));
        Assert.Equal(2, WrappedQuilContract.Abi.DecodeLogs(logs).Count);
    }

    [Fact]
    public void InitCode_IsCreationCodeFollowedByTheEncodedConstructorArguments()
    {
        var artifact = ContractCatalog.Load(ContractCatalog.WrappedQuil);
        Address[] roles = [Address.Parse("0x00000000000000000000000000000000000000aa"), Address.Parse("0x00000000000000000000000000000000000000bb"), Address.Parse("0x00000000000000000000000000000000000000cc")];

        var init = ContractDeployer.InitCode(artifact, roles[0], roles[1], roles[2]);

        Assert.Equal(artifact.Bytecode.ToArray(), init[..artifact.Bytecode.Length]);
        Assert.Equal(AbiEncoder.Encode(["address", "address", "address"], roles), init[artifact.Bytecode.Length..]);
    }
}

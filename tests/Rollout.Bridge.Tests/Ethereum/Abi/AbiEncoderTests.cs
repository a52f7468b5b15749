using System.Numerics;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;

namespace Rollout.Bridge.Tests.Ethereum.Abi;

public sealed class AbiEncoderTests
{
    [Fact]
    public void Encode_TheSolidityDocsExample_GivesTheDocumentedBytes()
    {
        // docs.soliditylang.org, "Contract ABI Specification": f(uint256,uint32[],bytes10,bytes) with (0x123, [0x456, 0x789], "1234567890", "Hello, world!").
        var data = AbiEncoder.Encode(
            ["uint256", "uint32[]", "bytes10", "bytes"],
            [new BigInteger(0x123), new object[] { 0x456, 0x789 }, "1234567890"u8.ToArray(), "Hello, world!"u8.ToArray()]);
        Assert.Equal(
            "0000000000000000000000000000000000000000000000000000000000000123" +
            "0000000000000000000000000000000000000000000000000000000000000080" +
            "3132333435363738393000000000000000000000000000000000000000000000" +
            "00000000000000000000000000000000000000000000000000000000000000e0" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000456" +
            "0000000000000000000000000000000000000000000000000000000000000789" +
            "000000000000000000000000000000000000000000000000000000000000000d" +
            "48656c6c6f2c20776f726c642100000000000000000000000000000000000000",
            Convert.ToHexStringLower(data));
    }

    [Fact]
    public void Encode_RandomTypesAndValues_EqualsEthersAbiCoder_AndDecodesBack()
    {
        var random = new RandomAbi(new Random(2024));
        var cases = FixedCases().Concat(Enumerable.Range(0, 300).Select(_ =>
        {
            var types = Enumerable.Range(0, random.Bytes(1)[0] % 4 + 1).Select(_ => random.Type()).ToArray();
            return (types, values: types.Select(random.Value).ToArray());
        })).ToArray();

        var answer = AbiOracle.Run(new
        {
            encode = cases.Select(c => new { types = c.types.Select(t => t.Canonical), values = c.values.Select(RandomAbi.Json) }),
        });

        var expected = answer.GetProperty("encode").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(cases.Length, expected.Length);
        for (var i = 0; i < cases.Length; i++)
        {
            var (types, values) = cases[i];
            var encoded = AbiEncoder.Encode(types, values);
            Assert.True(expected[i] == Hex.Encode(encoded), $"case {i}: ({string.Join(",", types.Select(t => t.Canonical))}) differs from ethers");
            var decoded = AbiDecoder.Decode(types, Hex.Decode(expected[i]!));
            Assert.True(RandomAbi.DeepEqual(values, decoded), $"case {i}: decoding ethers' bytes gave {RandomAbi.Describe(decoded)}");
        }
    }

    private static IEnumerable<(AbiType[] types, object?[] values)> FixedCases()
    {
        (string[] Types, object?[] Values)[] cases =
        [
            (["uint256", "int256", "int8", "uint8"], [EvmInteger.MaxUInt256, EvmInteger.MinSigned(256), new BigInteger(-128), new BigInteger(255)]),
            (["bytes", "string", "uint256[]", "(bool,string)[]"], [Array.Empty<byte>(), "", Array.Empty<object>(), Array.Empty<object>()]),
            (["bytes32", "bytes1", "address", "bool"], [new byte[32], new byte[] { 0xff }, Address.Zero, false]),
            (["string[2]", "bytes[]", "(uint256,(string,bytes4))"], [new object[] { "a", "bcd" }, new object[] { new byte[33], new byte[] { 1 } }, new object[] { BigInteger.One, new object[] { "x", new byte[4] } }]),
            (["(address,uint256)[]"], [new object[] { new object[] { Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), new BigInteger(800_000_000) } }]),
        ];
        return cases.Select(c => (c.Types.Select(AbiType.Parse).ToArray(), c.Values));
    }

    [Fact]
    public void Encode_ValueOutOfRange_NamesThePath()
    {
        var error = Assert.Throws<InvalidDataException>(() => AbiEncoder.Encode(["(address,uint8)[]"], [new object[] { new object[] { Address.Zero, 300 } }]));
        Assert.Equal("arg[0][0][1]: 300 is out of range for uint8", error.Message);
    }

    [Fact]
    public void Encode_WrongKindOfValue_NamesThePathAndTheKinds()
    {
        var error = Assert.Throws<InvalidDataException>(() => AbiEncoder.Encode(["bool"], ["yes"]));
        Assert.Equal("arg[0]: expected bool, got String", error.Message);
    }

    [Fact]
    public void Encode_FixedArrayOfWrongLength_IsRejected() =>
        Assert.Throws<InvalidDataException>(() => AbiEncoder.Encode(["uint256[2]"], [new object[] { 1 }]));

    [Fact]
    public void Decode_DirtyAddressWord_IsRejected()
    {
        var word = new byte[32];
        word[0] = 1;
        Assert.Throws<InvalidDataException>(() => AbiDecoder.Decode(AbiType.Address, word));
    }

    [Fact]
    public void Decode_BoolWordTwo_IsRejected()
    {
        var word = new byte[32];
        word[31] = 2;
        Assert.Contains("not 0 or 1", Assert.Throws<InvalidDataException>(() => AbiDecoder.Decode(AbiType.Bool, word)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OffsetPastTheEnd_IsRejected()
    {
        var data = new byte[32];
        data[31] = 0x40;
        Assert.Contains("offset: 64 is larger than the data", Assert.Throws<InvalidDataException>(() => AbiDecoder.Decode(AbiType.Bytes, data)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_HugeArrayLength_IsRejectedWithoutAllocating()
    {
        var data = AbiEncoder.Encode(["uint256[]"], [new object[] { 1, 2 }]);
        data[63] = 3; // length 3 with two items present
        Assert.Contains("cannot fit", Assert.Throws<InvalidDataException>(() => AbiDecoder.Decode(["uint256[]"], data)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TruncatedData_SaysWhereItEnds()
    {
        var data = AbiEncoder.Encode(["uint256", "uint256"], [1, 2]);
        Assert.Contains("data ends at byte 40", Assert.Throws<InvalidDataException>(() => AbiDecoder.Decode(["uint256", "uint256"], data.AsSpan(0, 40))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NonZeroPaddingAfterBytes_IsRejected()
    {
        var data = AbiEncoder.Encode(["bytes"], [new byte[] { 1 }]);
        data[^1] = 1;
        Assert.Contains("non-zero padding", Assert.Throws<InvalidDataException>(() => AbiDecoder.Decode(["bytes"], data)).Message, StringComparison.Ordinal);
    }
}

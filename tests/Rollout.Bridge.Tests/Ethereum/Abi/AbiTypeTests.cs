using Rollout.Bridge.Ethereum.Abi;

namespace Rollout.Bridge.Tests.Ethereum.Abi;

public sealed class AbiTypeTests
{
    [Theory]
    [InlineData("uint", "uint256", false, 32)]
    [InlineData("int", "int256", false, 32)]
    [InlineData("bytes32[2]", "bytes32[2]", false, 64)]
    [InlineData("(address,uint256)[]", "(address,uint256)[]", true, 32)]
    [InlineData("tuple(address,(bool,string))", "(address,(bool,string))", true, 32)]
    [InlineData("(address,uint)[3][]", "(address,uint256)[3][]", true, 32)]
    [InlineData("(uint8,bytes4)[2]", "(uint8,bytes4)[2]", false, 128)]
    public void Parse_TypeStrings_GiveCanonicalFormAndLayout(string text, string canonical, bool dynamic, int headSize)
    {
        var type = AbiType.Parse(text);
        Assert.Equal(canonical, type.Canonical);
        Assert.Equal(dynamic, type.IsDynamic);
        Assert.Equal(headSize, type.HeadSize);
    }

    [Theory]
    [InlineData("uint7", "invalid size")]
    [InlineData("uint264", "invalid size")]
    [InlineData("bytes33", "invalid size")]
    [InlineData("uint08", "is not an ABI type")]
    [InlineData("address[01]", "not a canonical number")]
    [InlineData("(address,uint256", "expected ','")]
    [InlineData("float", "is not an ABI type")]
    [InlineData("uint256]", "unexpected text")]
    public void Parse_Malformed_SaysWhy(string text, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => AbiType.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

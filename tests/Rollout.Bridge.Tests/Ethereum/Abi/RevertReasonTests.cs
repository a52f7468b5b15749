using System.Numerics;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;

namespace Rollout.Bridge.Tests.Ethereum.Abi;

public sealed class RevertReasonTests
{
    private static readonly AbiError Unauthorized = AbiError.Parse("error Unauthorized(address caller, bytes32 role)");

    [Fact]
    public void Decode_ErrorPanicAndCustomErrorsEncodedByEthers_AreRecognised()
    {
        var caller = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var role = new byte[32];
        role[0] = 0x65;
        var answer = AbiOracle.Run(new
        {
            errors = new object[]
            {
                new { fragment = "error Error(string)", values = new object[] { "Pausable: paused" } },
                new { fragment = "error Panic(uint256)", values = new object[] { "17" } },
                new { fragment = "error Unauthorized(address caller, bytes32 role)", values = new object[] { caller.ToLowerHex(), Hex.Encode(role) } },
            },
        }).GetProperty("errors").EnumerateArray().Select(e => Hex.Decode(e.GetString()!)).ToArray();

        var message = RevertReason.Decode(answer[0]);
        Assert.Equal("Pausable: paused", message.Message);
        Assert.Equal("reverted: Error(\"Pausable: paused\")", message.ToString());

        var panic = RevertReason.Decode(answer[1]);
        Assert.Equal(new BigInteger(0x11), panic.PanicCode);
        Assert.Equal("reverted: Panic(0x11)", panic.ToString());

        var custom = RevertReason.Decode(answer[2], [Unauthorized]);
        Assert.Same(Unauthorized, custom.Error);
        Assert.Equal(caller, custom.Arguments[0]);
        Assert.Equal(role, (byte[])custom.Arguments[1]!);
        Assert.Equal(answer[2], Unauthorized.Encode(caller, role));
    }

    [Fact]
    public void Decode_UnknownSelector_KeepsTheRawData()
    {
        var data = Unauthorized.Encode(Address.Zero, new byte[32]);
        var reason = RevertReason.Decode(data);
        Assert.Null(reason.Error);
        Assert.StartsWith("reverted with unknown data 0x" + Convert.ToHexStringLower(Unauthorized.Selector), reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NoData_SaysSo() => Assert.Equal("reverted without data", RevertReason.Decode([]).ToString());

    [Fact]
    public void Decode_ErrorSelectorWithGarbage_IsUnknownNotAnException()
    {
        byte[] data = [.. AbiError.ErrorString.Selector, 1, 2, 3];
        Assert.Null(RevertReason.Decode(data).Error);
    }
}

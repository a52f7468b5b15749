using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Rollout.Bridge.Ethereum;

namespace Rollout.Bridge.Tests.Ethereum;

public sealed class EvmIntegerTests
{
    [Theory]
    [InlineData(8, false, "255", true)]
    [InlineData(8, false, "256", false)]
    [InlineData(8, false, "-1", false)]
    [InlineData(8, true, "127", true)]
    [InlineData(8, true, "128", false)]
    [InlineData(8, true, "-128", true)]
    [InlineData(8, true, "-129", false)]
    [InlineData(256, false, "115792089237316195423570985008687907853269984665640564039457584007913129639935", true)]
    [InlineData(256, false, "115792089237316195423570985008687907853269984665640564039457584007913129639936", false)]
    public void Fits_AtTheEdgesOfTheType_AcceptsExactlyTheRange(int bits, bool signed, string value, bool fits) =>
        Assert.Equal(fits, EvmInteger.Fits(BigInteger.Parse(value), bits, signed));

    [Fact]
    public void WriteWord_OutOfRange_ThrowsNamingTheField()
    {
        var error = Assert.Throws<InvalidDataException>(() => EvmInteger.WriteWord(256, 8, false, new byte[32], "amount"));
        Assert.Equal("amount: 256 is out of range for uint8", error.Message);
    }

    [Fact]
    public void WriteWord_MinusOne_IsAllOnes()
    {
        var word = new byte[32];
        EvmInteger.WriteWord(-1, 256, true, word);
        Assert.All(word, b => Assert.Equal(0xff, b));
    }

    [Fact]
    public void ReadWord_DirtyHighBitsForASmallType_IsRejected()
    {
        var word = new byte[32];
        word[30] = 1; // 256 does not fit uint8
        Assert.Throws<InvalidDataException>(() => EvmInteger.ReadWord(word, 8, false));
    }

    [Fact]
    public void WriteThenRead_AnyInt256OrUint256_RoundTrips()
    {
        var gen = ArbMap.Default.GeneratorFor<byte[]>()
            .Select(bytes => bytes.Length > 32 ? bytes[..32] : bytes)
            .SelectMany(bytes => ArbMap.Default.GeneratorFor<bool>().Select(signed => (bytes, signed)));
        Prop.ForAll(gen.ToArbitrary(), pair =>
        {
            var value = new BigInteger(pair.bytes, isUnsigned: !pair.signed, isBigEndian: true);
            var word = new byte[32];
            EvmInteger.WriteWord(value, 256, pair.signed, word);
            return EvmInteger.ReadWord(word, 256, pair.signed) == value;
        }).QuickCheckThrowOnFailure();
    }
}

using FsCheck;
using FsCheck.Fluent;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rlp;

namespace Rollout.Bridge.Tests.Ethereum.Rlp;

public sealed class RlpCodecTests
{
    [Theory]
    [InlineData("", "80")]
    [InlineData("00", "00")]
    [InlineData("7f", "7f")]
    [InlineData("80", "8180")]
    [InlineData("646f67", "83646f67")]
    public void Encode_ByteStrings_AreTheYellowPaperForms(string bytes, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(RlpCodec.Encode(RlpItem.Of(Convert.FromHexString(bytes)))));

    [Fact]
    public void Encode_TheSetTheoreticalThree_IsTheWikiExample()
    {
        // [ [], [[]], [ [], [[]] ] ] from the Ethereum RLP documentation.
        var empty = RlpItem.List();
        var item = RlpItem.List(empty, RlpItem.List(empty), RlpItem.List(empty, RlpItem.List(empty)));
        Assert.Equal("c7c0c1c0c3c0c1c0", Convert.ToHexStringLower(RlpCodec.Encode(item)));
    }

    [Fact]
    public void Encode_RandomNestedItems_EqualsEthersEncodeRlp_AndDecodesBack()
    {
        var random = new Random(11);
        var items = Enumerable.Range(0, 60).Select(_ => RandomItem(random, 0)).ToArray();
        var expected = TxOracle.Run(new { rlp = items.Select(Json) }).GetProperty("rlp").EnumerateArray().Select(e => e.GetString()).ToArray();
        for (var i = 0; i < items.Length; i++)
        {
            var encoded = RlpCodec.Encode(items[i]);
            Assert.Equal(expected[i], Hex.Encode(encoded));
            Assert.Equal(encoded, RlpCodec.Encode(RlpCodec.Decode(encoded)));
        }
    }

    [Theory]
    [InlineData("8100", "must be encoded as itself")]
    [InlineData("b80100", "long form used for a length of 1")]
    [InlineData("b9000100", "leading zero")]
    [InlineData("83646f", "declares 3 bytes, only 2 remain")]
    [InlineData("8000", "1 trailing bytes")]
    [InlineData("c283000000", "overruns its list")]
    [InlineData("", "data ends")]
    public void Decode_NonCanonicalOrTruncated_IsRejected(string hex, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => RlpCodec.Decode(Convert.FromHexString(hex)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AnyByteString_RoundTrips() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
            RlpCodec.Decode(RlpCodec.Encode(RlpItem.Of(bytes))).Bytes.AsSpan().SequenceEqual(bytes)).QuickCheckThrowOnFailure();

    [Fact]
    public void ToInteger_LeadingZero_IsRejected() =>
        Assert.Contains("leading zero", Assert.Throws<InvalidDataException>(() => RlpItem.Of([0, 1]).ToInteger("nonce")).Message, StringComparison.Ordinal);

    private static RlpItem RandomItem(Random random, int depth)
    {
        if (depth < 3 && random.Next(3) == 0) return RlpItem.List(Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomItem(random, depth + 1)).ToArray());
        var length = random.Next(4) switch { 0 => 1, 1 => random.Next(0, 56), 2 => random.Next(56, 300), _ => random.Next(0, 3) };
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return RlpItem.Of(bytes);
    }

    private static object Json(RlpItem item) => item.IsList ? item.Items.Select(Json).ToArray() : Hex.Encode(item.Bytes);
}

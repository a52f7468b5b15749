using FsCheck;
using FsCheck.Fluent;
using Rollout.Token.Addressing;

namespace Rollout.Token.Tests.Addressing;

public sealed class QuilAddressTests
{
    [Fact]
    public void Parse_ThenToString_RoundTripsLowerCaseHex()
    {
        const string text = "0x1ac3290d57e064bdb5a57e874b59290226a9f9730d69f1d963600883789d6ee2";
        Assert.Equal(text, QuilAddress.Parse(text.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)).ToString());
        Assert.Equal(text, QuilAddress.Parse(text[2..]).ToString());
    }

    [Fact]
    public void CompareTo_OrdersLikeTheBigEndianBytes() =>
        Prop.ForAll<byte[], byte[]>((x, y) =>
        {
            var a = Pad(x);
            var b = Pad(y);
            var bytewise = Math.Sign(a.AsSpan().SequenceCompareTo(b));
            return Math.Sign(QuilAddress.FromBytes(a).CompareTo(QuilAddress.FromBytes(b))) == bytewise
                && QuilAddress.FromBytes(a).ToBytes().AsSpan().SequenceEqual(a);
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("0x1234", "64 hex digits, not 4")]
    [InlineData("0xzz c3290d57e064bdb5a57e874b59290226a9f9730d69f1d963600883789d6ee2", "64 hex digits, not 65")]
    [InlineData("0xzzc3290d57e064bdb5a57e874b59290226a9f9730d69f1d963600883789d6ee2", "'zz' at digit 0 is not hex")]
    public void TryParse_NotAnAddress_SaysWhy(string text, string expected)
    {
        Assert.False(QuilAddress.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static byte[] Pad(byte[]? bytes)
    {
        var padded = new byte[QuilAddress.Size];
        (bytes ?? []).AsSpan(0, Math.Min(bytes?.Length ?? 0, QuilAddress.Size)).CopyTo(padded);
        return padded;
    }
}

using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Rollout.Mesh.Identity;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Tests.Snapshots;

public sealed class PeerIdUtf8Tests
{
    [Fact]
    public void FastPath_AnyMultihash_GivesThePeerIdTryParseGives()
    {
        // SHA2-256 (Qm…) and identity (12D3…, leading zero byte) forms, plus lengths libp2p refuses.
        var input = Gen.Elements(0x12, 0x00, 0x13).SelectMany(code => Gen.Choose(0, 44).SelectMany(length =>
            Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length).Select(digest => (code, digest)))).ToArbitrary();
        Prop.ForAll(input, pair =>
        {
            var multihash = new byte[pair.digest.Length + 2];
            multihash[0] = (byte)pair.code;
            multihash[1] = (byte)pair.digest.Length;
            pair.digest.CopyTo(multihash, 2);
            return Agrees(Base58.Encode(multihash));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FastPath_ArbitraryText_NeverAcceptsWhatPeerIdTryParseRefuses()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => Agrees(text ?? "")).QuickCheckThrowOnFailure();
        Prop.ForAll(Gen.ListOf(Gen.Elements('1', '2', 'Q', 'm', 'z', 'a', '0', 'l')).Select(c => new string([.. c])).ToArbitrary(), text => Agrees(text))
            .QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("1")]
    [InlineData("11111")]
    [InlineData("1QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N")]
    public void FastPath_LeadingOnes_DecodeToZeroBytesAsBase58Does(string text) => Assert.True(Agrees(text));

    private static bool Agrees(string text)
    {
        var slow = PeerId.TryParse(text, out var expected, out _);
        var fast = PeerIdUtf8.TryParse(Encoding.UTF8.GetBytes(text), out var actual);
        // Past 96 digits the fast path declines and the reader asks TryParse; below it must give the same answer.
        if (!fast) return !slow || text.Length > 96;
        return slow && expected!.Equals(actual) && expected.Multihash.SequenceEqual(actual!.Multihash);
    }
}

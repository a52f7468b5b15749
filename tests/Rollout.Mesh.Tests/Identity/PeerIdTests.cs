using System.Text.Json;
using Rollout.Mesh.Identity;
using Rollout.TestSupport;

namespace Rollout.Mesh.Tests.Identity;

public sealed class PeerIdTests
{
    [Fact]
    public void Parse_PeerIdsMadeByJsLibp2p_GivesTheirMultihashBytes()
    {
        var answer = JsonDocument.Parse(NodeOracle.Run("peer-ids.mjs", """{"keys": 20, "rsa": true}""")).RootElement;
        var peerIds = answer.GetProperty("peerIds").EnumerateArray().ToArray();
        Assert.Equal(21, peerIds.Length);
        foreach (var peer in peerIds)
        {
            var text = peer.GetProperty("text").GetString()!;
            var parsed = PeerId.Parse(text);
            Assert.Equal(peer.GetProperty("multihashHex").GetString(), Convert.ToHexStringLower(parsed.Multihash));
            Assert.Equal(text, parsed.Text);
        }
    }

    [Theory]
    [InlineData("1220616c0c55792ed3a304558821a5dab69e9c8adb1003ab7e1d954f28e6fd970f", "declares 32 digest bytes but holds 31")]
    [InlineData("12", "too short")]
    [InlineData("5502aabb", "code 0x55 is neither identity")]
    [InlineData("0000", "holds 1 to 42 key bytes, not 0")]
    [InlineData("1290aabb", "not a one-byte varint")]
    public void TryFromMultihash_NotAPeerId_SaysWhy(string hex, string expected)
    {
        Assert.False(PeerId.TryFromMultihash(Convert.FromHexString(hex), out var peerId, out var error));
        Assert.Null(peerId);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TextOutsideTheAlphabet_SaysWhere()
    {
        Assert.False(PeerId.TryParse("Qm0tw", out _, out var error));
        Assert.Contains("character '0' at position 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_MillionCharacterText_IsRefusedBeforeDecoding()
    {
        Assert.False(PeerId.TryParse(new string('z', 1_000_000), out var peerId, out var error));
        Assert.Null(peerId);
        Assert.Equal($"1000000 characters is longer than any peer ID (at most {PeerId.MaxTextLength})", error);
    }

    [Fact]
    public void TryParse_TextAtTheLengthBound_IsStillDecoded()
    {
        Assert.False(PeerId.TryParse(new string('z', PeerId.MaxTextLength), out _, out var error));
        Assert.DoesNotContain("longer than any peer ID", error, StringComparison.Ordinal);
        Assert.False(PeerId.TryParse(new string('z', PeerId.MaxTextLength + 1), out _, out error));
        Assert.Contains("longer than any peer ID", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFromMultihash_Sha256OfWrongLength_IsRejected()
    {
        var multihash = new byte[2 + 20];
        multihash[0] = PeerId.Sha256Code;
        multihash[1] = 20;
        Assert.False(PeerId.TryFromMultihash(multihash, out _, out var error));
        Assert.Contains("holds 32 bytes, not 20", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_FollowsTheMultihashBytes()
    {
        const string text = "QmUtwpCVcRt5uuahUA1dasPXhsAPB2nCpJN1t62qpWYh9w";
        Assert.Equal(PeerId.Parse(text), PeerId.Parse(text));
        Assert.Equal(PeerId.Parse(text).GetHashCode(), PeerId.Parse(text).GetHashCode());
        Assert.NotEqual(PeerId.Parse(text), PeerId.Parse("QmRpKmQ1W83s6moBFpG6D6nrttkqdQSbdCJpvfxDVGcs38"));
    }
}

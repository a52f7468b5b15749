using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Tests.Identity;

public sealed class SignedPeerRecordTests
{
    private static readonly Ed25519KeyPair Key = Ed25519KeyPair.Generate(new Random(7));

    [Fact]
    public void Decode_OfEncoded_GivesTheSameFieldsAndVerifies()
    {
        var record = SignedPeerRecord.Create(Key, 42, ["/ip4/127.0.0.1/udp/8336/quic-v1", "/dns/node.example/tcp/8336"]);
        var decoded = SignedPeerRecord.Decode(record.Encoded, "test");
        Assert.Equal(Key.PeerId, decoded.PeerId);
        Assert.Equal(42UL, decoded.Sequence);
        Assert.Equal(record.Addresses, decoded.Addresses);
        Assert.True(decoded.Verify());
    }

    [Fact]
    public void Verify_AnyFlippedByte_FailsOrDoesNotParse()
    {
        var encoded = SignedPeerRecord.Create(Key, 1, ["/ip4/10.0.0.1/tcp/1"]).Encoded.ToArray();
        for (var i = 0; i < encoded.Length; i++)
        {
            var tampered = (byte[])encoded.Clone();
            tampered[i] ^= 0x20;
            SignedPeerRecord? decoded = null;
            try
            {
                decoded = SignedPeerRecord.Decode(tampered, "tampered");
            }
            catch (InvalidDataException)
            {
                continue;
            }
            Assert.False(decoded.Verify(), $"flipping byte {i} still verified");
        }
    }

    [Fact]
    public void Verify_ARecordSignedByAnotherKey_Fails()
    {
        var other = Ed25519KeyPair.Generate(new Random(8));
        var mine = SignedPeerRecord.Create(Key, 1, ["/ip4/10.0.0.1/tcp/1"]).Encoded.ToArray();
        var theirs = SignedPeerRecord.Create(other, 1, ["/ip4/10.0.0.1/tcp/1"]).Encoded.ToArray();
        // My body with their signature: a forged claim that they vouch for my address.
        var forged = mine[..^64].Concat(theirs[^64..]).ToArray();
        Assert.False(SignedPeerRecord.Decode(forged, "forged").Verify());
    }

    [Theory]
    [InlineData(0, "record.bin[0].multihash length: needs 1 bytes, 0 left")]
    [InlineData(30, "record.bin[1].peer ID: needs 38 bytes, 29 left")]
    [InlineData(45, "record.bin[39].sequence: needs 8 bytes, 6 left")]
    public void Decode_Truncated_NamesTheOffsetAndField(int keep, string expected)
    {
        var encoded = SignedPeerRecord.Create(Key, 1, ["/ip4/10.0.0.1/tcp/1"]).Encoded.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => SignedPeerRecord.Decode(encoded.AsSpan(0, keep), "record.bin"));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Decode_TrailingBytes_AreRejected()
    {
        var encoded = SignedPeerRecord.Create(Key, 1, []).Encoded.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => SignedPeerRecord.Decode([.. encoded, 0], "r"));
        Assert.Contains("1 bytes after the signature", error.Message, StringComparison.Ordinal);
    }
}

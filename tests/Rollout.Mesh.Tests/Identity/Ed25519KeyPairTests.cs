using System.Text.Json;
using Rollout.Mesh.Identity;
using Rollout.TestSupport;

namespace Rollout.Mesh.Tests.Identity;

public sealed class Ed25519KeyPairTests
{
    [Fact]
    public void SameSeed_GivesJsLibp2psPeerIdAndSignature()
    {
        var random = new Random(25519);
        var cases = Enumerable.Range(0, 24).Select(i =>
        {
            var seed = new byte[32];
            random.NextBytes(seed);
            if (i == 0) Array.Clear(seed);
            var message = new byte[i * 7];
            random.NextBytes(message);
            return (seed, message);
        }).ToArray();
        var request = JsonSerializer.Serialize(new
        {
            keys = cases.Select(c => new { seedHex = Convert.ToHexStringLower(c.seed), messageHex = Convert.ToHexStringLower(c.message) }),
        });
        var answers = JsonDocument.Parse(NodeOracle.Run("libp2p-keys.mjs", request)).RootElement.EnumerateArray().ToArray();

        Assert.Equal(cases.Length, answers.Length);
        for (var i = 0; i < cases.Length; i++)
        {
            var key = Ed25519KeyPair.FromSeed(cases[i].seed);
            Assert.Equal(answers[i].GetProperty("peerId").GetString(), key.PeerId.Text);
            Assert.Equal(answers[i].GetProperty("publicKeyProtobufHex").GetString(),
                "08011220" + Convert.ToHexStringLower(key.PublicKey));
            Assert.Equal(answers[i].GetProperty("signatureHex").GetString(), Convert.ToHexStringLower(key.Sign(cases[i].message)));
            Assert.StartsWith("12D3KooW", key.PeerId.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_ByPeerId_AcceptsOwnSignatureAndRejectsATamperedOne()
    {
        var key = Ed25519KeyPair.Generate(new Random(1));
        var message = "enroll"u8.ToArray();
        var signature = key.Sign(message);
        Assert.True(Ed25519KeyPair.Verify(key.PeerId, message, signature));
        signature[10] ^= 1;
        Assert.False(Ed25519KeyPair.Verify(key.PeerId, message, signature));
        Assert.False(Ed25519KeyPair.Verify(Ed25519KeyPair.Generate(new Random(2)).PeerId, message, key.Sign(message)));
    }

    [Fact]
    public void PeerId_RoundTripsThroughItsText_AndYieldsTheKey()
    {
        var key = Ed25519KeyPair.Generate(new Random(3));
        var parsed = PeerId.Parse(key.PeerId.Text);
        Assert.Equal(key.PeerId, parsed);
        Assert.True(parsed.TryGetEd25519PublicKey(out var publicKey));
        Assert.True(publicKey.SequenceEqual(key.PublicKey));
    }

    [Fact]
    public void ToString_NeverShowsTheSeed()
    {
        var seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var text = Ed25519KeyPair.FromSeed(seed).ToString();
        Assert.DoesNotContain(Convert.ToHexStringLower(seed), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(seed), text, StringComparison.Ordinal);
    }
}

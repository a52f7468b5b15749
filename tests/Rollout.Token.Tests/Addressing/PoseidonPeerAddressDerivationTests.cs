using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Rollout.Mesh.Identity;
using Rollout.TestSupport;
using Rollout.Token.Addressing;
using Rollout.Token.Addressing.Poseidon.Lanes;

namespace Rollout.Token.Tests.Addressing;

public sealed class PoseidonPeerAddressDerivationTests
{
    // Ed448 (SHA2-256, "Qm...") peers of the reference network's bootstrap list.
    private static readonly string[] ReferencePeers =
    [
        "QmRpKmQ1W83s6moBFpG6D6nrttkqdQSbdCJpvfxDVGcs38",
        "QmNmbqobt82Vre5JxUGVNGEWn2HsztQQ1xfeg6mx7X5u3f",
        "QmQaFmbYVrKSwoen5UQdaqyDq4QhXfSSLDVnYpYD4SF9tX",
        "QmeifsP6Kvq8A3yabQs6CBg7prSpDSqdee8P2BDQm9EpP8",
    ];

    private readonly PoseidonPeerAddressDerivation _derivation = new();

    [Fact]
    public void Derive_ReferenceAndLibp2pPeerIds_EqualsIden3HashBytesOfTheMultihash()
    {
        using var generated = JsonDocument.Parse(NodeOracle.Run("peer-ids.mjs", """{"keys": 12, "rsa": true}"""));
        var peers = ReferencePeers.Select(PeerId.Parse)
            .Concat(generated.RootElement.GetProperty("peerIds").EnumerateArray().Select(p => PeerId.Parse(p.GetProperty("text").GetString()!)))
            .ToArray();
        Assert.Contains(peers, p => p.Text.StartsWith("12D3KooW", StringComparison.Ordinal));

        var request = JsonSerializer.Serialize(new { hashBytes = peers.Select(p => Convert.ToHexStringLower(p.Multihash)) });
        using var answer = JsonDocument.Parse(NodeOracle.Run("poseidon.mjs", request));
        var expected = answer.RootElement.GetProperty("hashBytes").EnumerateArray()
            .Select(e => ToAddress(BigInteger.Parse(e.GetString()!, CultureInfo.InvariantCulture)))
            .ToArray();

        Assert.Equal(expected, peers.Select(_derivation.Derive));
    }

    [Fact]
    public void Derive_FirstBootstrapPeer_IsItsKnownAddress() =>
        // Pinned from @iden3/js-crypto so the value is visible without running Node.
        Assert.Equal(
            QuilAddress.Parse(KnownAddressOfFirstReferencePeer),
            _derivation.Derive(PeerId.Parse(ReferencePeers[0])));

    [Fact]
    public void DeriveAll_ManyPeers_EqualsDerivingOneByOneInOrder()
    {
        var random = new Random(9);
        // More than one of DeriveAll's 4,096-peer ranges, so the order across ranges is checked too.
        var peers = Enumerable.Range(0, 6_000).Select(i =>
        {
            // Alternate the two forms: SHA2-256 (34 bytes, "Qm...") and identity Ed25519 (38 bytes, "12D3KooW...").
            var multihash = i % 2 == 0 ? new byte[34] : new byte[38];
            if (i % 2 == 0) (multihash[0], multihash[1]) = (PeerId.Sha256Code, 32);
            else Array.Copy(new byte[] { 0x00, 0x24, 0x08, 0x01, 0x12, 0x20 }, multihash, 6);
            random.NextBytes(multihash.AsSpan(i % 2 == 0 ? 2 : 6));
            Assert.True(PeerId.TryFromMultihash(multihash, out var peerId, out var error), error);
            return peerId!;
        }).ToArray();

        var all = _derivation.DeriveAll(peers);

        Assert.Equal(peers.Select(_derivation.Derive), all);
        Assert.Empty(_derivation.DeriveAll([]));
    }

    [Fact]
    public void DeriveRange_InLaneBatchesOfAnyFill_EqualsDerivingOneByOne()
    {
        // Counts below, at and past the lane width and a ragged range inside a longer list; the portable
        // split runs everywhere, the fused one where the machine has AVX-512.
        var peers = RandomPeers(new Random(10), 1_003);
        foreach (var (from, to) in new[] { (0, 1), (0, 7), (0, 8), (0, 9), (3, 20), (0, 1_003), (5, 998) })
        {
            var expected = peers[from..to].Select(_derivation.Derive).ToArray();
            var portable = new QuilAddress[peers.Length];
            PoseidonPeerAddressDerivation.DeriveRange(new PoseidonLaneBatch<PortableProductSplit>(), peers, portable, from, to);
            Assert.Equal(expected, portable[from..to]);
            Assert.All(portable[..from].Concat(portable[to..]), address => Assert.Equal(default, address));
            if (!FusedProductSplit.IsSupported) continue;
            var fused = new QuilAddress[peers.Length];
            PoseidonPeerAddressDerivation.DeriveRange(new PoseidonLaneBatch<FusedProductSplit>(), peers, fused, from, to);
            Assert.Equal(expected, fused[from..to]);
        }
        Assert.Equal(FusedProductSplit.IsSupported, PoseidonPeerAddressDerivation.UsesVectorLanes);
    }

    private static PeerId[] RandomPeers(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var sha = random.Next(2) == 0;
            var multihash = sha ? new byte[34] : new byte[38];
            if (sha) (multihash[0], multihash[1]) = (PeerId.Sha256Code, 32);
            else Array.Copy(new byte[] { 0x00, 0x24, 0x08, 0x01, 0x12, 0x20 }, multihash, 6);
            random.NextBytes(multihash.AsSpan(sha ? 2 : 6));
            Assert.True(PeerId.TryFromMultihash(multihash, out var peerId, out var error), error);
            return peerId!;
        }).ToArray();

    // The canonical value as 32 big-endian bytes; "x65" leaves room for the sign digit BigInteger may add.
    private static QuilAddress ToAddress(BigInteger value) =>
        QuilAddress.Parse(value.ToString("x65", CultureInfo.InvariantCulture)[^64..]);

    private const string KnownAddressOfFirstReferencePeer = "0x1240ea7d9d808c45e98a159585380afc1426c1faf9370bbe91168b9c066ac605";
}

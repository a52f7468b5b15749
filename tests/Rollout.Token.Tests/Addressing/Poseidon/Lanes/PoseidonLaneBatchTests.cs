using System.Text.Json;
using Rollout.TestSupport;
using Rollout.Token.Addressing.Poseidon;
using Rollout.Token.Addressing.Poseidon.Lanes;

namespace Rollout.Token.Tests.Addressing.Poseidon.Lanes;

public sealed class PoseidonLaneBatchTests
{
    [Fact]
    public void HashBytes_ThousandsOfRandomPeerIds_EqualTheScalarHash_WithThePortableSplit() =>
        AssertBatchesEqualScalar<PortableProductSplit>(RandomPeerMultihashes(new Random(17), 3_001));

    [Fact]
    public void HashBytes_ThousandsOfRandomPeerIds_EqualTheScalarHash_WithTheFusedSplitWhereSupported()
    {
        var messages = RandomPeerMultihashes(new Random(18), 3_003);
        if (FusedProductSplit.IsSupported) AssertBatchesEqualScalar<FusedProductSplit>(messages);
        // Without AVX-512 the fused split cannot run; the portable one must then carry the same messages.
        else AssertBatchesEqualScalar<PortableProductSplit>(messages);
    }

    [Fact]
    public void HashBytes_EveryLengthUpToOneFrame_EqualsTheScalarHash()
    {
        var random = new Random(19);
        // Every length 1..496 once, shuffled so that lanes of one batch hold different chunk counts.
        var messages = Enumerable.Range(1, PoseidonLaneBatch<PortableProductSplit>.MaxMessageLength)
            .Select(length => RandomBytes(random, length))
            .OrderBy(_ => random.Next())
            .ToList();
        messages.Add(new byte[62]);
        messages.Add(Enumerable.Repeat((byte)0xff, PoseidonLaneBatch<PortableProductSplit>.MaxMessageLength).ToArray());
        AssertBatchesEqualScalar<PortableProductSplit>(messages);
        if (FusedProductSplit.IsSupported) AssertBatchesEqualScalar<FusedProductSplit>(messages);
    }

    [Fact]
    public void HashBytes_PartlyFilledBatches_HashTheFilledLanesAlike()
    {
        var random = new Random(20);
        var messages = RandomPeerMultihashes(random, 5);
        var batch = new PoseidonLaneBatch<PortableProductSplit>();
        // The same message in lane 3 of a batch of one, and among others: its hash must not depend on its neighbours.
        batch.Clear();
        batch.SetMessage(3, messages[0]);
        batch.Compute();
        var alone = batch.Hash(3);
        batch.Clear();
        for (var lane = 0; lane < 5; lane++) batch.SetMessage(lane == 3 ? 0 : lane, messages[lane]);
        batch.SetMessage(3, messages[0]);
        batch.Compute();
        Assert.Equal(PoseidonHash.HashBytes(messages[0]), alone);
        Assert.Equal(alone, batch.Hash(3));
    }

    [Fact]
    public void HashBytes_SeededRandomPeerIds_EqualIden3()
    {
        var messages = RandomPeerMultihashes(new Random(21), 300);
        var request = JsonSerializer.Serialize(new { hashBytes = messages.Select(Convert.ToHexStringLower) });
        using var answer = JsonDocument.Parse(NodeOracle.Run("poseidon.mjs", request));
        var expected = answer.RootElement.GetProperty("hashBytes").EnumerateArray().Select(e => e.GetString()).ToArray();

        var viaLanes = FusedProductSplit.IsSupported ? HashInBatches<FusedProductSplit>(messages) : HashInBatches<PortableProductSplit>(messages);
        Assert.Equal(expected, viaLanes.Select(h => (string?)h.ToString()));
        Assert.Equal(expected, HashInBatches<PortableProductSplit>(messages).Select(h => (string?)h.ToString()));
    }

    [Fact]
    public void SetMessage_EmptyOrLongerThanOneFrame_Throws()
    {
        var batch = new PoseidonLaneBatch<PortableProductSplit>();
        batch.Clear();
        Assert.Throws<ArgumentException>(() => batch.SetMessage(0, []));
        Assert.Throws<ArgumentException>(() => batch.SetMessage(0, new byte[PoseidonLaneBatch<PortableProductSplit>.MaxMessageLength + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.SetMessage(PoseidonLaneBatch<PortableProductSplit>.Lanes, new byte[34]));
    }

    internal static List<byte[]> RandomPeerMultihashes(Random random, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            // The two forms of Quilibrium's peers: SHA2-256 (34 bytes) and identity Ed25519 (38 bytes), in random order.
            var sha = random.Next(2) == 0;
            var multihash = RandomBytes(random, sha ? 34 : 38);
            if (sha) (multihash[0], multihash[1]) = (0x12, 32);
            else new byte[] { 0x00, 0x24, 0x08, 0x01, 0x12, 0x20 }.CopyTo(multihash, 0);
            return multihash;
        }).ToList();

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static void AssertBatchesEqualScalar<TSplit>(IReadOnlyList<byte[]> messages)
        where TSplit : struct, IProductSplit
    {
        var expected = messages.Select(m => PoseidonHash.HashBytes(m)).ToArray();
        Assert.Equal(expected, HashInBatches<TSplit>(messages));
    }

    private static Bn254Scalar[] HashInBatches<TSplit>(IReadOnlyList<byte[]> messages)
        where TSplit : struct, IProductSplit
    {
        var batch = new PoseidonLaneBatch<TSplit>();
        var lanes = PoseidonLaneBatch<TSplit>.Lanes;
        var hashes = new Bn254Scalar[messages.Count];
        for (var start = 0; start < messages.Count; start += lanes)
        {
            var count = Math.Min(lanes, messages.Count - start);
            batch.Clear();
            for (var lane = 0; lane < count; lane++) batch.SetMessage(lane, messages[start + lane]);
            batch.Compute();
            for (var lane = 0; lane < count; lane++) hashes[start + lane] = batch.Hash(lane);
        }
        return hashes;
    }
}

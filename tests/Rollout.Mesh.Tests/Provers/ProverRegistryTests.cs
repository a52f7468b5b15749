using Rollout.Mesh.Identity;
using Rollout.Mesh.Provers;

namespace Rollout.Mesh.Tests.Provers;

public sealed class ProverRegistryTests
{
    private static readonly Ed25519KeyPair[] Keys = [.. Enumerable.Range(1, 1100).Select(i =>
    {
        var seed = new byte[32];
        BitConverter.TryWriteBytes(seed, i * 7919);
        return Ed25519KeyPair.FromSeed(seed);
    })];

    private static ProverJoin JoinFor(ProverRegistry registry, int key, ulong seniority = 0, ulong frame = 1) =>
        ProverJoin.Create(Keys[key], seniority, frame, registry.PlacementFor(Keys[key].PeerId));

    [Fact]
    public void Shard_TakesEnrollmentsUntilItHoldsMoreThanTheThreshold_ThenSendsThemToSubshards()
    {
        var registry = new ProverRegistry(new ProverEnrollmentOptions { SubshardThreshold = 32, SubshardCount = 4 });
        for (var i = 0; i < 33; i++)
        {
            Assert.Equal(EnrollmentOutcome.Accepted, registry.Apply(JoinFor(registry, i)).Outcome);
            Assert.Equal(ShardAddress.Root, registry.ShardOf(Keys[i].PeerId));
        }
        Assert.True(registry.IsFull(ShardAddress.Root));

        for (var i = 33; i < 200; i++) Assert.Equal(EnrollmentOutcome.Accepted, registry.Apply(JoinFor(registry, i)).Outcome);

        Assert.Equal(33, registry.ProversOf(ShardAddress.Root).Count);
        var children = Enumerable.Range(0, 4).Select(ShardAddress.Root.Child).ToList();
        Assert.All(children, c => Assert.NotEmpty(registry.ProversOf(c)));
        Assert.All(registry.Shards, s => Assert.InRange(registry.ProversOf(s).Count, 1, 33));
        Assert.All(registry.Shards, s => Assert.InRange(s.Depth, 0, 2));
        Assert.Equal(200, registry.Count);
        Assert.Equal(200, registry.Version);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public void SubshardCount_SetsTheChildrenUsed(int count)
    {
        var registry = new ProverRegistry(new ProverEnrollmentOptions { SubshardThreshold = 4, SubshardCount = count });
        for (var i = 0; i < 300; i++) registry.Apply(JoinFor(registry, i));

        var firstLevel = registry.Shards.Where(s => s.Depth == 1).Select(s => (int)s.Path[0]).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(0, count), firstLevel);
    }

    [Fact]
    public void JoinThatTargetsAShardAlreadyFull_RevealsAMissedSlotUpdate()
    {
        var options = new ProverEnrollmentOptions { SubshardThreshold = 8 };
        var upToDate = new ProverRegistry(options);
        var stale = new ProverRegistry(options);
        for (var i = 0; i < 9; i++)
        {
            var join = JoinFor(upToDate, i);
            upToDate.Apply(join);
            if (i < 5) stale.Apply(join);
        }
        // The stale view still sees room at the root.
        Assert.Equal(ShardAddress.Root, stale.PlacementFor(Keys[20].PeerId));
        var join20 = JoinFor(stale, 20);

        var result = upToDate.Apply(join20);

        Assert.Equal(EnrollmentOutcome.MissedSlotUpdate, result.Outcome);
        Assert.Equal(ShardAddress.Root, result.Targeted);
        Assert.Equal(1, result.Expected.Depth);
        Assert.Null(upToDate.ShardOf(Keys[20].PeerId));
    }

    [Fact]
    public void JoinsOfOneFrame_AreAppliedMostSeniorFirst_AndThoseOverflowingWithinTheFrameAreRedirected()
    {
        var registry = new ProverRegistry(new ProverEnrollmentOptions { SubshardThreshold = 4 });
        for (var i = 0; i < 3; i++) registry.Apply(JoinFor(registry, i));
        // Three provers all (rightly) see room at the root; two places are left there.
        var joins = new[] { JoinFor(registry, 10, seniority: 5), JoinFor(registry, 11, seniority: 90), JoinFor(registry, 12, seniority: 40) };

        var results = registry.ApplyFrame(joins);

        Assert.Equal([Keys[11].PeerId, Keys[12].PeerId, Keys[10].PeerId], results.Select(r => r.Prover));
        Assert.Equal([EnrollmentOutcome.Accepted, EnrollmentOutcome.Accepted, EnrollmentOutcome.Redirected], results.Select(r => r.Outcome));
        Assert.Equal(1, registry.ShardOf(Keys[10].PeerId)!.Depth);
    }

    [Fact]
    public void JoinToASubshardOfAShardWithRoom_IsAWrongShard()
    {
        var registry = new ProverRegistry(new ProverEnrollmentOptions());
        var join = ProverJoin.Create(Keys[0], 1, 1, ShardAddress.Root.Child(2));

        Assert.Equal(EnrollmentOutcome.WrongShard, registry.Apply(join).Outcome);
        Assert.Equal(0, registry.Count);
    }

    [Fact]
    public void DuplicateAndForgedJoins_AreNotEnrolled()
    {
        var registry = new ProverRegistry(new ProverEnrollmentOptions());
        var join = JoinFor(registry, 0);
        Assert.Equal(EnrollmentOutcome.Accepted, registry.Apply(join).Outcome);
        Assert.Equal(EnrollmentOutcome.Duplicate, registry.Apply(JoinFor(registry, 0)).Outcome);

        var bytes = JoinFor(registry, 1, seniority: 3).Encoded.ToArray();
        bytes[40] ^= 1; // inside the seniority field
        var forged = ProverJoin.Decode(bytes, "forged");
        Assert.Equal(EnrollmentOutcome.BadSignature, registry.Apply(forged).Outcome);
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public void Rings_CloseAt1024Members_InSeniorityOrder()
    {
        var registry = new ProverRegistry(new ProverEnrollmentOptions { SubshardThreshold = 2000 });
        var joins = Enumerable.Range(0, 1030).Select(i => JoinFor(registry, i, seniority: (ulong)(5000 - i))).Reverse().ToList();

        var results = registry.ApplyFrame(joins);

        Assert.All(results, r => Assert.Equal(EnrollmentOutcome.Accepted, r.Outcome));
        Assert.Equal(2, registry.Rings.Count);
        Assert.Equal(1024, registry.Rings.Ring(0).Count);
        Assert.Equal(Enumerable.Range(1024, 6).Select(i => Keys[i].PeerId), registry.Rings.Ring(1));
        Assert.Equal(Keys[0].PeerId, registry.Rings.Ring(0)[0]);
        Assert.Equal(2, ProverRings.RewardDivisor(registry.Rings.RingOf(Keys[1029].PeerId)));
    }
}

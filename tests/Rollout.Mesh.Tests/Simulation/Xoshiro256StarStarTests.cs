using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class Xoshiro256StarStarTests
{
    [Fact]
    public void StateOneTwoThreeFour_GivesTheReferenceSequence()
    {
        // The reference outputs of Blackman and Vigna's xoshiro256** for the state {1, 2, 3, 4}, as the
        // rand_xoshiro crate's test checks them.
        ulong[] expected =
        [
            11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600,
            16172922978634559625, 8476171486693032832, 10595114339597558777, 2904607092377533576,
        ];
        var random = new Xoshiro256StarStar(1, 2, 3, 4);

        Assert.Equal(expected, expected.Select(_ => random.NextUInt64()));
    }

    [Fact]
    public void TheAllZeroState_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new Xoshiro256StarStar(0, 0, 0, 0));

    [Fact]
    public void OnePurpose_GivesOneSequence_AndOtherPurposesOrSeedsDiffer()
    {
        static ulong[] Take(Xoshiro256StarStar r) => [r.NextUInt64(), r.NextUInt64(), r.NextUInt64()];

        var first = Take(Xoshiro256StarStar.ForPurpose(7, "network.loss"));

        Assert.Equal(first, Take(Xoshiro256StarStar.ForPurpose(7, "network.loss")));
        Assert.NotEqual(first, Take(Xoshiro256StarStar.ForPurpose(7, "network.jitter")));
        Assert.NotEqual(first, Take(Xoshiro256StarStar.ForPurpose(8, "network.loss")));
    }

    [Fact]
    public void NextBelow_StaysInRange_AndHitsEveryValueEvenly()
    {
        var random = new Xoshiro256StarStar(42);
        var counts = new int[10];
        for (var i = 0; i < 100_000; i++)
            counts[random.NextBelow(10)]++;

        // Each count is binomial(100000, 0.1): standard deviation about 95; 6 sigma is far beyond chance.
        Assert.All(counts, c => Assert.InRange(c, 10_000 - 570, 10_000 + 570));
    }

    [Fact]
    public void NextDouble_LiesInTheHalfOpenUnitInterval()
    {
        var random = new Xoshiro256StarStar(3);
        var values = Enumerable.Range(0, 10_000).Select(_ => random.NextDouble()).ToList();

        Assert.All(values, v => Assert.InRange(v, 0.0, Math.BitDecrement(1.0)));
        Assert.InRange(values.Average(), 0.49, 0.51);
    }
}

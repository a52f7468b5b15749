using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class StreamRandomTests
{
    [Fact]
    public void Every_draw_and_shuffle_comes_from_the_stream_so_two_routers_seeded_alike_choose_alike()
    {
        var a = new StreamRandom(new Xoshiro256StarStar(42));
        var b = new StreamRandom(new Xoshiro256StarStar(42));
        int[] left = [.. Enumerable.Range(0, 50)], right = [.. Enumerable.Range(0, 50)];

        a.Shuffle(left);
        b.Shuffle(right);

        Assert.Equal(left, right);
        Assert.NotEqual(Enumerable.Range(0, 50), left);
        Assert.Equal(Enumerable.Range(0, 20).Select(_ => a.Next(7)), Enumerable.Range(0, 20).Select(_ => b.Next(7)));
        Assert.Equal(a.NextDouble(), b.NextDouble());
        Assert.Equal(a.NextInt64(-5, 5), b.NextInt64(-5, 5));
    }

    [Fact]
    public void Draws_stay_in_their_ranges_and_cover_them()
    {
        var random = new StreamRandom(new Xoshiro256StarStar(7));
        var small = Enumerable.Range(0, 2_000).Select(_ => random.Next(-3, 4)).ToList();
        var doubles = Enumerable.Range(0, 2_000).Select(_ => random.NextDouble()).ToList();
        var bytes = new byte[13];
        random.NextBytes(bytes);

        Assert.All(small, v => Assert.InRange(v, -3, 3));
        Assert.Equal(7, small.Distinct().Count());
        Assert.All(doubles, v => Assert.InRange(v, 0.0, 0.9999999999999999));
        Assert.InRange(doubles.Average(), 0.45, 0.55);
        Assert.Equal(0, random.Next(0));
        Assert.Equal(5, random.Next(5, 5));
        Assert.Contains(bytes, b => b != 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Next(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Next(3, 2));
    }
}

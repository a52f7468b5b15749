using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class RadixSortTests
{
    private const int IndexBits = 25;

    // The window's layout: lane above time above the entry's index. Sizes on both sides of the small-count cut-over.
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(1_000, 3)]
    [InlineData(1_024, 4)]
    [InlineData(50_000, 5)]
    [InlineData(300_000, 6)]
    public void WindowEntries_SortExactlyAsTheComparisonSortDoes(int count, int seed)
    {
        var random = new Random(seed);
        // Few lanes and a narrow time span leave most digits constant, so the skipped passes are exercised too.
        var laneLimit = seed % 2 == 0 ? 100_000 : 7;
        var keys = new ulong[count];
        for (var i = 0; i < count; i++)
            keys[i] = ((ulong)random.Next(laneLimit) << 42) | ((ulong)random.Next(100_000) << IndexBits) | (uint)i;

        var expected = keys.ToArray();
        Array.Sort(expected);
        RadixSort.Sort(keys, new ulong[count], IndexBits);

        Assert.Equal(expected, keys);
    }

    [Fact]
    public void FullWidthKeys_FromBitZero_SortAscending()
    {
        var random = new Random(11);
        var keys = Enumerable.Range(0, 20_000).Select(_ => (ulong)random.NextInt64() << 1 ^ (ulong)random.Next(2)).Distinct().ToArray();
        var expected = keys.Order().ToArray();

        RadixSort.Sort(keys, new ulong[keys.Length], 0);

        Assert.Equal(expected, keys);
    }

    [Fact]
    public void KeysEqualInTheSortedBits_KeepTheirInputOrder()
    {
        // Nothing above the low bits varies: the sort is stable, so the keys stay where they were
        // (their low bits fall, so a comparison sort of the whole keys would reverse them).
        var keys = Enumerable.Range(0, 5_000).Select(i => (5UL << 42) | (uint)(4_999 - i)).ToArray();
        var before = keys.ToArray();

        RadixSort.Sort(keys, new ulong[keys.Length], IndexBits);

        Assert.Equal(before, keys);
    }

    [Fact]
    public void TiesInTheSortedBits_AreBrokenByInputPosition_NotByTheLowBits()
    {
        var random = new Random(12);
        // 40 distinct values above bit 25 among 10,000 keys, with random bits below.
        var keys = Enumerable.Range(0, 10_000).Select(_ => ((ulong)random.Next(40) << 30) | (uint)random.Next(1 << IndexBits)).ToArray();
        var expected = keys.OrderBy(key => key >> IndexBits).ToArray();

        RadixSort.Sort(keys, new ulong[keys.Length], IndexBits);

        Assert.Equal(expected, keys);
    }

    [Fact]
    public void AScratchShorterThanTheKeys_IsRefused_AndTheKeysAreUntouched()
    {
        var keys = new ulong[] { 3, 1, 2 };

        var error = Assert.Throws<ArgumentException>(() => RadixSort.Sort(keys, new ulong[2], 0));

        Assert.Contains("scratch holds 2 keys; the sort needs 3", error.Message);
        Assert.Equal([3UL, 1, 2], keys);
    }
}

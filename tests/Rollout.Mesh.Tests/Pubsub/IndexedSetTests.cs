using FsCheck;
using FsCheck.Fluent;
using Rollout.Mesh.Pubsub;

namespace Rollout.Mesh.Tests.Pubsub;

public sealed class IndexedSetTests
{
    private sealed class Item(int value)
    {
        public int Value { get; } = value;
    }

    [Fact]
    public void AddAndRemove_BehaveLikeASet_AndSampleGivesDistinctMembersPassingTheFilter()
    {
        var items = Enumerable.Range(0, 64).Select(i => new Item(i)).ToArray();
        Prop.ForAll(Gen.Choose(0, 63).Zip(Gen.Elements(true, true, false)).ArrayOf().ToArbitrary(), Gen.Choose(0, 20).ToArbitrary(), (steps, take) =>
        {
            var set = new IndexedSet<Item>();
            var model = new HashSet<Item>();
            foreach (var (index, add) in steps)
            {
                var changed = add ? set.Add(items[index]) : set.Remove(items[index]);
                var expected = add ? model.Add(items[index]) : model.Remove(items[index]);
                if (changed != expected) return false;
            }
            var sample = set.Sample(take, new Random(take), item => item.Value % 2 == 0);
            var evens = model.Count(item => item.Value % 2 == 0);
            return set.Count == model.Count
                && model.All(set.Contains)
                && set.All(model.Contains)
                && sample.Distinct().Count() == sample.Count
                && sample.All(item => model.Contains(item) && item.Value % 2 == 0)
                && (model.Count > take * 4 || sample.Count == Math.Min(take, evens));
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(40, 5)] // a small set, shuffled as positions on the stack
    [InlineData(300, 100)] // a small set shuffled as positions on the heap (more than 256)
    [InlineData(5_000, 6)] // a large set, a few positions drawn (remembered on the stack)
    [InlineData(5_000, 400)] // a large set, 1,600 draws (remembered in a set)
    public void Sample_PicksWhatShufflingTheItemsOrDrawingPositionsOneByOnePicks(int size, int take)
    {
        // The simulator's traces depend on a sample's random draws: whatever the set keeps on the stack,
        // it must draw and pick as a shuffle of a copy of the items, or one draw per position, does.
        var set = new IndexedSet<Item>();
        var items = Enumerable.Range(0, size).Select(i => new Item(i)).ToArray();
        foreach (var item in items) set.Add(item);
        for (var seed = 0; seed < 20; seed++)
        {
            var sample = set.Sample(take, new Random(seed), item => item.Value % 3 != 0);
            Assert.Equal(Reference(items, take, new Random(seed), item => item.Value % 3 != 0), sample);
        }
    }

    private static List<Item> Reference(Item[] items, int count, Random random, Func<Item, bool> filter)
    {
        var picked = new List<Item>();
        if (items.Length <= count * 4)
        {
            var all = items.ToArray();
            random.Shuffle(all);
            picked.AddRange(all.Where(filter).Take(count));
            return picked;
        }
        var tried = new HashSet<int>();
        for (var attempt = 0; attempt < count * 4 && picked.Count < count; attempt++)
        {
            var position = random.Next(items.Length);
            if (tried.Add(position) && filter(items[position])) picked.Add(items[position]);
        }
        return picked;
    }
}

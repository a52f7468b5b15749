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
}

using FsCheck;
using FsCheck.Fluent;
using Rollout.Mesh.Pubsub;

namespace Rollout.Mesh.Tests.Pubsub;

public sealed class SeenCacheTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    // Three pools: IDs that all hash alike (one long probe chain), clustered IDs, and spread IDs, so
    // the table's backward-shift deletion and growth meet collisions, wrap-around and shrinking.
    private static readonly MessageId[] Pool =
    [
        .. Enumerable.Range(1, 40).Select(k => new MessageId((ulong)k, (ulong)k)),
        .. Enumerable.Range(0, 60).Select(k => new MessageId((ulong)(k % 7), (ulong)k << 36)),
        .. Enumerable.Range(0, 100).Select(k => new MessageId(Spread((ulong)k), Spread((ulong)k + 1_000))),
    ];

    [Fact]
    public void AddContainsAndExpiry_MatchAModelThatExpiresEachHeartbeatsGroupAfterItsNewestIdsTtl()
    {
        Prop.ForAll(Gen.Choose(0, Pool.Length + 40).ArrayOf().ToArbitrary(), steps =>
        {
            var cache = new SeenCache(Ttl);
            var model = new ExpiryModel(Ttl);
            foreach (var step in steps)
            {
                if (step >= Pool.Length)
                {
                    // A heartbeat a second later.
                    cache.Expire(model.Heartbeat());
                    continue;
                }
                if (cache.Add(Pool[step], model.Now) != model.Add(Pool[step])) return false;
                if (cache.Count != model.Count) return false;
                // The IHAVE's prefetch reaches every state the steps build (chunks expired, indexed, wrapped) and changes no answer.
                cache.PrefetchRecent();
                if (!Pool.All(p => cache.Contains(p) == model.Contains(p))) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    // splitmix64's finaliser: distinct inputs give well-spread 64-bit values.
    private static ulong Spread(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    [Fact]
    public void ALongRunOfBurstsAndQuietHeartbeats_MatchesTheModel()
    {
        // Hundreds of IDs held at once and thousands passing through: the ring's chunks fill, leave and
        // come back many times over, and the table grows and shrinks with the bursts.
        var random = new Random(7);
        var cache = new SeenCache(Ttl);
        var groups = new List<(HashSet<MessageId> Ids, long Expires)>();
        var now = 0L;
        var next = 0UL;
        for (var heartbeat = 0; heartbeat < 400; heartbeat++)
        {
            var burst = heartbeat % 50 < 10 ? random.Next(100, 400) : random.Next(0, 20);
            var added = new HashSet<MessageId>();
            for (var k = 0; k < burst; k++)
            {
                // New IDs, and now and then one already held (a duplicate copy).
                var held = groups.SelectMany(g => g.Ids).ToList();
                var id = held.Count > 0 && random.Next(4) == 0 ? held[random.Next(held.Count)] : new MessageId(Spread(next), Spread(++next));
                var expected = !held.Contains(id) && !added.Contains(id);
                Assert.Equal(expected, cache.Add(id, now));
                if (expected) added.Add(id);
            }
            if (added.Count > 0) groups.Add((added, now + Ttl.Ticks));
            Assert.Equal(groups.Sum(g => g.Ids.Count), cache.Count);
            now += TimeSpan.TicksPerSecond;
            cache.Expire(now);
            var gone = groups.Where(g => g.Expires <= now).SelectMany(g => g.Ids).ToList();
            groups.RemoveAll(g => g.Expires <= now);
            Assert.All(gone, id => Assert.False(cache.Contains(id)));
            Assert.All(groups.SelectMany(g => g.Ids), id => Assert.True(cache.Contains(id)));
        }
    }

    [Theory]
    [InlineData(700, 40)]
    [InlineData(3_000, 300)]
    public void IdsThatLeftAndComeBack_AreNewAgain_WhereverTheirOldPlaceWasIndexed(int poolSize, int stepsPerHeartbeat)
    {
        // Pools larger than the chunks with their own tables (4 × 128), a TTL of a few heartbeats and
        // heartbeats at random points: groups end inside chunks, IDs leave while their chunk still has
        // its own table (few held, first case) and after it moved to the shared table (hundreds held,
        // second case), and come back to be added again.
        var random = new Random(11);
        var pool = Enumerable.Range(0, poolSize).Select(k => k % 10 == 0 ? new MessageId((ulong)(k % 3), (ulong)k << 40) : new MessageId(Spread((ulong)k), (ulong)k)).ToArray();
        var cache = new SeenCache(TimeSpan.FromSeconds(3));
        var model = new ExpiryModel(TimeSpan.FromSeconds(3));
        for (var step = 0; step < 30_000; step++)
        {
            if (random.Next(stepsPerHeartbeat) == 0)
            {
                cache.Expire(model.Heartbeat());
                continue;
            }
            var id = pool[random.Next(pool.Length)];
            Assert.Equal(model.Add(id), cache.Add(id, model.Now));
            Assert.Equal(model.Count, cache.Count);
            var probe = pool[random.Next(pool.Length)];
            Assert.Equal(model.Contains(probe), cache.Contains(probe));
        }
    }

    [Fact]
    public void GrowingToThousandsOfIds_AllocatesTheIdsOnce_NotARingPerDoubling()
    {
        // 4,096 IDs: 64 KiB of IDs in chunks, the table's doublings (64 KiB in all) and a few small
        // arrays. A ring doubled in place would allocate another 64 KiB of outgrown rings, which a run
        // where every router grows at once leaves for a full collection.
        var ids = Enumerable.Range(0, 4_096).Select(k => new MessageId(Spread((ulong)k), (ulong)k)).ToArray();
        var cache = new SeenCache(Ttl);
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var id in ids) cache.Add(id, 0);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(4_096, cache.Count);
        Assert.InRange(allocated, 4_096 * 16, 140_000);
    }

    [Fact]
    public void ThousandsOfIds_AreAllFound_ThenAllForgottenAfterTheTtl_AndTheCacheEmpties()
    {
        var cache = new SeenCache(Ttl);
        var ids = Enumerable.Range(0, 5_000).Select(k => new MessageId((ulong)k * 0x9E3779B97F4A7C15, (ulong)k)).ToArray();
        for (var k = 0; k < ids.Length; k++)
        {
            Assert.True(cache.Add(ids[k], k / 1000 * TimeSpan.TicksPerSecond));
            if (k % 1000 == 999) cache.Expire(k / 1000 * TimeSpan.TicksPerSecond);
        }
        Assert.All(ids, id => Assert.False(cache.Add(id, 0)));
        Assert.Equal(5_000, cache.Count);
        cache.Expire(4 * TimeSpan.TicksPerSecond + Ttl.Ticks);
        Assert.Equal(0, cache.Count);
        Assert.All(ids, id => Assert.False(cache.Contains(id)));
    }

    /// <summary>
    /// What the cache must answer: the IDs added between two heartbeats form a group that leaves at the
    /// first heartbeat at or after its newest ID's time plus the TTL.
    /// </summary>
    private sealed class ExpiryModel(TimeSpan ttl)
    {
        private readonly List<(HashSet<MessageId> Ids, long Expires)> _groups = [];
        private bool _open;

        public long Now { get; private set; }

        public int Count => _groups.Sum(g => g.Ids.Count);

        public bool Contains(MessageId id) => _groups.Any(g => g.Ids.Contains(id));

        /// <summary>Adds an ID seen now; false when it is held, as <see cref="SeenCache.Add"/> must say.</summary>
        public bool Add(MessageId id)
        {
            if (Contains(id)) return false;
            if (!_open) _groups.Add(([], 0));
            _open = true;
            _groups[^1].Ids.Add(id);
            _groups[^1] = (_groups[^1].Ids, Now + ttl.Ticks);
            return true;
        }

        /// <summary>A heartbeat a second later: closes the open group, drops the expired ones, returns the new time.</summary>
        public long Heartbeat()
        {
            Now += TimeSpan.TicksPerSecond;
            _groups.RemoveAll(g => g.Expires <= Now);
            _open = false;
            return Now;
        }
    }
}

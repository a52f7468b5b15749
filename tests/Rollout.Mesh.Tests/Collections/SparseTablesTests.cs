using Rollout.Mesh.Collections;
using Rollout.Mesh.Connections;
using Rollout.Mesh.Identity;
using Rollout.Mesh.Transport;
using Rollout.TestSupport;

namespace Rollout.Mesh.Tests.Collections;

public sealed class SparseTablesTests
{
    [Fact]
    public void A_table_that_lost_three_quarters_of_its_capacity_gives_it_back_and_keeps_its_entries()
    {
        var table = Enumerable.Range(0, 66).ToDictionary(i => i, i => i * 10);
        var grown = table.EnsureCapacity(0);
        for (var i = 0; i < 50; i++)
        {
            table.Remove(i);
            SparseTables.Trim(table);
        }

        Assert.True(table.EnsureCapacity(0) * 2 <= grown, $"capacity {table.EnsureCapacity(0)} of {grown}");
        Assert.Equal(Enumerable.Range(50, 16).Select(i => i * 10), table.Values.Order());
        Assert.Equal(500, table[50]);
    }

    [Fact]
    public void A_small_or_still_full_table_is_left_alone()
    {
        var small = Enumerable.Range(0, 20).ToDictionary(i => i, i => i);
        var before = small.EnsureCapacity(0);
        for (var i = 0; i < 19; i++) small.Remove(i);
        SparseTables.Trim(small);
        Assert.Equal(before, small.EnsureCapacity(0));

        var list = Enumerable.Range(0, 100).ToList();
        list.RemoveRange(0, 60);
        SparseTables.Trim(list);
        Assert.Equal(100, list.Capacity);
        list.RemoveRange(0, 20);
        SparseTables.Trim(list);
        Assert.Equal(20, list.Capacity);
        Assert.Equal(Enumerable.Range(80, 20), list);
    }

    [Fact]
    public void A_connection_manager_trimmed_from_66_to_its_low_watermark_still_holds_exactly_the_survivors()
    {
        var time = new ManualTimeProvider();
        var manager = new ConnectionManager(new ConnectionManagerOptions { LowWater = 8, HighWater = 64, GracePeriod = TimeSpan.Zero }, time);
        var peers = Enumerable.Range(1, 66).Select(i =>
        {
            var seed = new byte[32];
            BitConverter.TryWriteBytes(seed, i);
            return Ed25519KeyPair.FromSeed(seed).PeerId;
        }).ToList();
        foreach (var peer in peers) Assert.True(manager.TryAdmit(peer, ConnectionDirection.Inbound, out _));
        time.Advance(TimeSpan.FromSeconds(1));

        var closed = manager.Trim();

        Assert.Equal(58, closed.Count);
        Assert.Equal(8, manager.Count);
        // The table shrank under the closes: the survivors are still found, by enumeration and by peer.
        var survivors = peers.Except(closed).ToList();
        Assert.Equal(survivors.OrderBy(p => p.Text), manager.Connections.Select(c => c.Peer).OrderBy(p => p.Text));
        // Known peers are found in the shrunk table: admitting them again opens nothing new.
        foreach (var peer in survivors) Assert.True(manager.TryAdmit(peer, ConnectionDirection.Inbound, out _));
        Assert.Equal(8, manager.Count);
    }
}

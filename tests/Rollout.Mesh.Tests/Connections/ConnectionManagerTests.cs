using FsCheck;
using FsCheck.Fluent;
using Rollout.Mesh.Connections;
using Rollout.Mesh.Identity;
using Rollout.Mesh.Transport;
using Rollout.TestSupport;

namespace Rollout.Mesh.Tests.Connections;

public sealed class ConnectionManagerTests
{
    private static readonly PeerId[] Peers = [.. Enumerable.Range(1, 400).Select(i =>
    {
        var seed = new byte[32];
        BitConverter.TryWriteBytes(seed, i);
        return Ed25519KeyPair.FromSeed(seed).PeerId;
    })];

    private static (ConnectionManager Manager, ManualTimeProvider Time) Create(ConnectionManagerOptions options)
    {
        var time = new ManualTimeProvider();
        return (new ConnectionManager(options, time), time);
    }

    /// <summary>Six connections past their grace period, none silent long enough to count as dead.</summary>
    private static ConnectionManager SixKinds(TrimOrder order, out ManualTimeProvider time)
    {
        (var manager, time) = Create(new ConnectionManagerOptions { LowWater = 2, HighWater = 6, TrimOrder = order, GracePeriod = TimeSpan.FromSeconds(30), SilencePeriod = TimeSpan.FromMinutes(1) });
        // p0: inbound, 0 streams    p1: outbound, 0 streams    p2: inbound, 1 stream
        // p3: outbound, 5 streams   p4: inbound, 3 streams     p5: inbound, 9 streams, tag 50
        var directions = new[] { ConnectionDirection.Inbound, ConnectionDirection.Outbound, ConnectionDirection.Inbound, ConnectionDirection.Outbound, ConnectionDirection.Inbound, ConnectionDirection.Inbound };
        var streams = new[] { 0, 0, 1, 5, 3, 9 };
        for (var i = 0; i < 6; i++)
        {
            Assert.True(manager.TryAdmit(Peers[i], directions[i], out _));
            for (var s = 0; s < streams[i]; s++) manager.StreamOpened(Peers[i]);
        }
        manager.TagPeer(Peers[5], "mesh", 50);
        time.Advance(TimeSpan.FromSeconds(5));
        manager.Touch(Peers[1]);
        time.Advance(TimeSpan.FromSeconds(30));
        return manager;
    }

    [Fact]
    public void GoLibp2pOrder_ClosesLowestTagThenNoStreamsThenInboundThenFewerStreams()
    {
        var manager = SixKinds(TrimOrder.GoLibp2p, out _);

        Assert.Equal([Peers[0], Peers[1], Peers[2], Peers[4], Peers[3], Peers[5]], manager.TrimCandidates());
        var closed = manager.Trim();

        Assert.Equal([Peers[0], Peers[1], Peers[2], Peers[4]], closed);
        Assert.Equal(2, manager.Count);
    }

    [Fact]
    public void SeedOrder_ClosesZeroStreamsFirstOfAll_ThenMostStreamsFirst()
    {
        var manager = SixKinds(TrimOrder.ZeroStreamsThenMostStreams, out _);

        // p0 has been silent longer than p1; then 9, 5, 3, 1 streams.
        Assert.Equal([Peers[0], Peers[1], Peers[5], Peers[3], Peers[4], Peers[2]], manager.TrimCandidates());
        var closed = manager.Trim();

        Assert.Equal([Peers[0], Peers[1], Peers[5], Peers[3]], closed);
        Assert.Equal([Peers[2], Peers[4]], manager.Connections.Select(c => c.Peer).Order(Comparer<PeerId>.Create((a, b) => Array.IndexOf(Peers, a) - Array.IndexOf(Peers, b))));
    }

    [Fact]
    public void Trim_BelowTheHighWatermark_ClosesNothing_AndSparesProtectedAndYoungConnections()
    {
        var (manager, time) = Create(new ConnectionManagerOptions { LowWater = 3, HighWater = 8, GracePeriod = TimeSpan.FromMinutes(1) });
        for (var i = 0; i < 7; i++) manager.TryAdmit(Peers[i], ConnectionDirection.Inbound, out _);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(manager.Trim());

        manager.Protect(Peers[0], "bootstrap");
        manager.TryAdmit(Peers[7], ConnectionDirection.Inbound, out _);
        var closed = manager.Trim();

        // Eight reached the high watermark: down to three, but the protected and the new connection stay.
        Assert.Equal(5, closed.Count);
        Assert.DoesNotContain(Peers[0], closed);
        Assert.DoesNotContain(Peers[7], closed);
        Assert.Equal(3, manager.Count);
    }

    [Fact]
    public void Trim_RunsAtMostOncePerSilencePeriod()
    {
        var (manager, time) = Create(new ConnectionManagerOptions { LowWater = 2, HighWater = 4, GracePeriod = TimeSpan.Zero });
        for (var i = 0; i < 4; i++) manager.TryAdmit(Peers[i], ConnectionDirection.Inbound, out _);
        Assert.Equal(2, manager.Trim().Count);
        for (var i = 4; i < 6; i++) manager.TryAdmit(Peers[i], ConnectionDirection.Inbound, out _);

        Assert.Empty(manager.Trim());
        Assert.Equal(4, manager.Count);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, manager.Trim().Count);
    }

    [Fact]
    public void DeadConnections_AreSweptByTheSeedOrderOnly_EvenBelowTheHighWatermark()
    {
        foreach (var order in new[] { TrimOrder.GoLibp2p, TrimOrder.ZeroStreamsThenMostStreams })
        {
            var (manager, time) = Create(new ConnectionManagerOptions { LowWater = 50, HighWater = 100, GracePeriod = TimeSpan.Zero, TrimOrder = order });
            manager.TryAdmit(Peers[0], ConnectionDirection.Inbound, out _);
            manager.TryAdmit(Peers[1], ConnectionDirection.Inbound, out _);
            manager.StreamOpened(Peers[1]);
            manager.TryAdmit(Peers[2], ConnectionDirection.Inbound, out _);
            time.Advance(TimeSpan.FromSeconds(8));
            manager.Touch(Peers[2]);
            time.Advance(TimeSpan.FromSeconds(8));

            var closed = manager.Trim();

            // Peer 0 has no streams and has been silent 16 s > 10 s; peer 2 spoke 8 s ago; peer 1 holds a stream.
            Assert.Equal(order == TrimOrder.GoLibp2p ? [] : [Peers[0]], closed);
        }
    }

    [Fact]
    public void HardHighWatermark_IsNeverBreached_WhateverArrivesAndLeaves()
    {
        var options = new ConnectionManagerOptions { LowWater = 20, HighWater = 30, HardHighWater = true, GracePeriod = TimeSpan.FromSeconds(5) };
        Prop.ForAll(Gen.Choose(0, 399).Zip(Gen.Elements(true, true, true, false)).ArrayOf().ToArbitrary(), steps =>
        {
            var (manager, time) = Create(options);
            foreach (var (peer, arrive) in steps)
            {
                if (arrive) manager.TryAdmit(Peers[peer], ConnectionDirection.Inbound, out _);
                else manager.Closed(Peers[peer]);
                if (manager.Count > options.HighWater) return false;
                time.Advance(TimeSpan.FromSeconds(1));
                manager.Trim();
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void HardHighWatermark_RefusesAtTheBound_ButAdmitsProtectedPeers()
    {
        var (manager, _) = Create(new ConnectionManagerOptions { LowWater = 1, HighWater = 3, HardHighWater = true });
        for (var i = 0; i < 3; i++) Assert.True(manager.TryAdmit(Peers[i], ConnectionDirection.Inbound, out _));

        Assert.False(manager.TryAdmit(Peers[3], ConnectionDirection.Inbound, out _));
        manager.Protect(Peers[4], "operator");
        Assert.True(manager.TryAdmit(Peers[4], ConnectionDirection.Inbound, out _));
        Assert.Equal(1, manager.Refused);
    }

    [Fact]
    public void Tags_SumPerPeer_AndUnprotectReportsRemainingHolders()
    {
        var (manager, _) = Create(new ConnectionManagerOptions());
        manager.TagPeer(Peers[0], "a", 5);
        manager.TagPeer(Peers[0], "b", 7);
        manager.TagPeer(Peers[0], "a", 1);
        Assert.Equal(8, manager.TagValue(Peers[0]));
        manager.UntagPeer(Peers[0], "b");
        Assert.Equal(1, manager.TagValue(Peers[0]));

        manager.Protect(Peers[1], "x");
        manager.Protect(Peers[1], "y");
        Assert.True(manager.Unprotect(Peers[1], "x"));
        Assert.False(manager.Unprotect(Peers[1], "y"));
        Assert.False(manager.IsProtected(Peers[1]));
    }
}

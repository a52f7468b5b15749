using Rollout.Mesh.Provers;
using Rollout.Mesh.Tests.Pubsub;

namespace Rollout.Mesh.Tests.Provers;

public sealed class ProverEnrollmentTests
{
    [Fact]
    public void NodeThatMissedAFrameOfSlotUpdates_IsDetectedByEveryoneElseWhenItEnrolls()
    {
        var options = new ProverEnrollmentOptions { SubshardThreshold = 4 };
        var network = new TestNetwork(21);
        var nodes = Enumerable.Range(0, 8).Select(_ => network.Add()).ToList();
        network.ConnectAll(nodes);
        var services = nodes.Select(n => new ProverEnrollment(n.R, new ProverRegistry(options))).ToList();
        network.Run();
        network.Heartbeats(2);
        var laggard = nodes[^1];

        // Frame 1: five provers enroll; the laggard hears none of it.
        network.Drop = (_, to, rpc) => to == laggard.Id && rpc.Messages.Count > 0;
        for (var i = 0; i < 5; i++) services[i].Announce(nodes[i].Key, seniority: (ulong)(10 + i), frame: 1);
        network.Run();
        var frame1 = services.Select(s => s.CloseFrame()).ToList();
        network.Drop = null;
        Assert.All(frame1.SkipLast(1), r => Assert.Equal(5, r.Count(x => x.Outcome == EnrollmentOutcome.Accepted)));
        Assert.Empty(frame1[^1]);
        Assert.True(services[0].Registry.IsFull(ShardAddress.Root));

        // Frame 2: the laggard enrolls at the root, which it believes has room.
        var join = services[^1].Announce(laggard.Key, seniority: 1, frame: 2);
        network.Run();
        foreach (var service in services) service.CloseFrame();

        Assert.Equal(ShardAddress.Root, join.Target);
        foreach (var service in services.SkipLast(1))
        {
            var missed = Assert.Single(service.MissedUpdates);
            Assert.Equal(laggard.Id, missed.Prover);
            Assert.Equal(ShardAddress.Root, missed.Targeted);
        }
        Assert.Empty(services[^1].MissedUpdates);
    }

    [Fact]
    public void AnnouncementsThatDoNotDecode_AreRejectedWithTheReason()
    {
        var network = new TestNetwork();
        var a = network.Add();
        var b = network.Add();
        network.Connect(a, b);
        var service = new ProverEnrollment(b.R, new ProverRegistry(new ProverEnrollmentOptions()));
        _ = new ProverEnrollment(a.R, new ProverRegistry(new ProverEnrollmentOptions()));
        network.Run();

        a.R.Publish("provers/enroll", new byte[] { 5, 1, 2 });
        network.Run();

        var reason = Assert.Single(service.Rejected);
        Assert.Contains("[1].prover: needs 5 bytes, 2 left", reason, StringComparison.Ordinal);
        Assert.Equal(0, service.Pending);
    }

    [Fact]
    public void EnrollmentOverPubsub_ShardsOutAtTheThreshold_OnEveryNode()
    {
        var options = new ProverEnrollmentOptions { SubshardThreshold = 3, SubshardCount = 2 };
        var network = new TestNetwork(22);
        var nodes = Enumerable.Range(0, 10).Select(_ => network.Add()).ToList();
        network.ConnectAll(nodes);
        var services = nodes.Select(n => new ProverEnrollment(n.R, new ProverRegistry(options))).ToList();
        network.Run();
        network.Heartbeats(2);

        for (var frame = 1UL; frame <= 5; frame++)
        {
            for (var i = (int)(frame - 1) * 2; i < (int)frame * 2; i++) services[i].Announce(nodes[i].Key, (ulong)i, frame);
            network.Run();
            foreach (var result in services.Select(s => s.CloseFrame()))
            {
                Assert.All(result, r => Assert.NotEqual(EnrollmentOutcome.MissedSlotUpdate, r.Outcome));
            }
        }

        var reference = services[0].Registry;
        Assert.Equal(10, reference.Count);
        Assert.Equal(4, reference.ProversOf(ShardAddress.Root).Count);
        foreach (var service in services)
        {
            foreach (var node in nodes) Assert.Equal(reference.ShardOf(node.Id), service.Registry.ShardOf(node.Id));
        }
    }
}

using Rollout.Mesh.Pubsub;

namespace Rollout.Mesh.Tests.Pubsub;

public sealed class ScoringTests
{
    private const string Topic = "blossom/global";

    [Fact]
    public void InvalidMessage_IsNotDeliveredOrForwarded_AndPushesTheSenderOutOfTheMesh()
    {
        var (network, node, sender, meshPeer) = NodeWithTwoMeshPeers();

        sender.Inject(node, Rpc.Message(new PubsubMessage(sender.Id, 1, Topic, "bad"u8.ToArray())));

        Assert.Empty(node.Received);
        Assert.DoesNotContain(meshPeer.Inbox, m => m.Rpc.Messages.Count > 0);
        Assert.True(node.R.Score(sender.Id) < 0);
        network.Heartbeats(1);
        Assert.DoesNotContain(sender.Id, node.R.MeshPeers(Topic));
        Assert.Contains(sender.Inbox, m => m.Rpc.Prune.Any(p => p.Topic == Topic && p.Peers.Count == 0));
    }

    [Fact]
    public void NegativeMeshPeer_IsPruned_AfterAWellBehavedPeerDisconnected()
    {
        // The heartbeat reads mesh peers' scores only while some connected peer may score below zero:
        // a well-behaved peer leaving must not make it forget the one that may.
        var (network, node, cheat, honest) = NodeWithTwoMeshPeers();

        cheat.Inject(node, Rpc.Message(new PubsubMessage(cheat.Id, 1, Topic, "bad"u8.ToArray())));
        network.Disconnect(honest.Id, node.Id);
        network.Heartbeats(1);

        Assert.DoesNotContain(cheat.Id, node.R.MeshPeers(Topic));
    }

    /// <summary>A node that accepts only "ok" messages, with two silent subscribers, both in its mesh.</summary>
    private static (TestNetwork Network, TestNode Node, TestNode First, TestNode Second) NodeWithTwoMeshPeers()
    {
        var network = new TestNetwork();
        var node = network.Add(validator: m => m.Data.Span.SequenceEqual("ok"u8));
        var first = network.AddSilent();
        var second = network.AddSilent();
        foreach (var peer in new[] { first, second })
        {
            network.Connect(peer, node);
            peer.Inject(node, Rpc.Subscribe(Topic));
        }
        node.Join(Topic);
        Assert.Contains(first.Id, node.R.MeshPeers(Topic));
        Assert.Contains(second.Id, node.R.MeshPeers(Topic));
        return (network, node, first, second);
    }

    [Fact]
    public void GraylistedPeer_IsIgnoredEntirely()
    {
        var (network, node, attacker) = GraylistedAttacker();

        AssertIgnores(network, node, attacker);
    }

    [Fact]
    public void GraylistedPeer_WhoReconnectsWithinTheRetentionTime_IsStillIgnored()
    {
        var (network, node, attacker) = GraylistedAttacker();
        network.Disconnect(attacker.Id, node.Id);
        network.Connect(attacker, node);
        Assert.True(node.R.Score(attacker.Id) < new PeerScoreThresholds().Graylist);

        // The first RPCs on the new connection: its retained score is read before any new penalty.
        AssertIgnores(network, node, attacker);
    }

    /// <summary>A node on the topic, and a connected peer graylisted for eleven invalid messages (-100 × 11² = -12100, below -10000).</summary>
    private static (TestNetwork Network, TestNode Node, TestNode Attacker) GraylistedAttacker()
    {
        var network = new TestNetwork();
        var node = network.Add(validator: _ => false);
        var attacker = network.AddSilent();
        network.Connect(attacker, node);
        node.Join(Topic);
        for (var i = 1; i <= 11; i++) attacker.Inject(node, Rpc.Message(new PubsubMessage(attacker.Id, (ulong)i, Topic, "x"u8.ToArray())));
        Assert.True(node.R.Score(attacker.Id) < new PeerScoreThresholds().Graylist);
        return (network, node, attacker);
    }

    /// <summary>A message and a subscription from the attacker change nothing: nothing new is seen, and it never enters the mesh.</summary>
    private static void AssertIgnores(TestNetwork network, TestNode node, TestNode attacker)
    {
        var seen = node.R.SeenCount;

        attacker.Inject(node, Rpc.Message(new PubsubMessage(attacker.Id, 99, Topic, "x"u8.ToArray())));
        attacker.Inject(node, Rpc.Subscribe(Topic));
        network.Heartbeats(1);

        Assert.Equal(seen, node.R.SeenCount);
        Assert.Empty(node.R.MeshPeers(Topic));
    }

    [Fact]
    public void FirstDeliveries_RaiseTheScore_AndDecay()
    {
        var network = new TestNetwork();
        var node = network.Add();
        var sender = network.AddSilent();
        network.Connect(sender, node);
        node.Join(Topic);
        for (var i = 1; i <= 5; i++) sender.Inject(node, Rpc.Message(new PubsubMessage(sender.Id, (ulong)i, Topic, "m"u8.ToArray())));
        Assert.Equal(5, node.R.Score(sender.Id), 6);

        network.Heartbeats(10);

        // 0.9 per second: 5 * 0.9^10.
        Assert.Equal(5 * Math.Pow(0.9, 10), node.R.Score(sender.Id), 6);
        network.Heartbeats(60);
        Assert.Equal(0, node.R.Score(sender.Id));
    }

    /// <summary>A node on the topic, and a connected peer that sent it one message its validator rejected.</summary>
    private static (TestNetwork Network, TestNode Node, TestNode Sender) SenderOfAnInvalidMessage()
    {
        var network = new TestNetwork();
        var node = network.Add(validator: _ => false);
        var sender = network.AddSilent();
        network.Connect(sender, node);
        node.Join(Topic);
        sender.Inject(node, Rpc.Message(new PubsubMessage(sender.Id, 1, Topic, "x"u8.ToArray())));
        return (network, node, sender);
    }

    [Fact]
    public void Score_SurvivesAReconnectWithinTheRetentionTime()
    {
        var (network, node, sender) = SenderOfAnInvalidMessage();
        var before = node.R.Score(sender.Id);

        network.Disconnect(sender.Id, node.Id);
        network.Connect(sender, node);

        Assert.Equal(before, node.R.Score(sender.Id), 6);
        Assert.True(before < 0);
    }

    [Fact]
    public void RetainedPenalty_DecaysOncePerInterval_WhileAwayAndAfterTheReconnect()
    {
        var (network, node, sender) = SenderOfAnInvalidMessage();
        Assert.Equal(-100, node.R.Score(sender.Id), 6);

        network.Disconnect(sender.Id, node.Id);
        network.Heartbeats(10);
        // P4 is -100 × invalid², the counter decaying by 0.99 a second.
        Assert.Equal(-100 * Math.Pow(0.99, 20), node.R.Score(sender.Id), 6);
        network.Connect(sender, node);
        network.Heartbeats(10);

        Assert.Equal(-100 * Math.Pow(0.99, 40), node.R.Score(sender.Id), 6);
    }

    [Fact]
    public void Score_OfADisconnectedPeer_IsForgottenAfterTheRetentionTime()
    {
        var (network, node, sender) = SenderOfAnInvalidMessage();
        network.Disconnect(sender.Id, node.Id);
        network.Heartbeats(30);
        Assert.True(node.R.Score(sender.Id) < 0);

        network.Heartbeats(31);
        network.Connect(sender, node);

        Assert.Equal(0, node.R.Score(sender.Id));
    }

    [Fact]
    public void Options_RejectDegreesThatBreakTheSpec()
    {
        Assert.Throws<ArgumentException>(() => new GossipSubOptions { Dlo = 7 }.Validate());
        Assert.Throws<ArgumentException>(() => new GossipSubOptions { Dout = 5 }.Validate());
        Assert.Throws<ArgumentException>(() => new GossipSubOptions { Thresholds = new PeerScoreThresholds { Publish = -1 } }.Validate());
        new GossipSubOptions { D = 0, Dlo = 0, Dhi = 0, Dscore = 0, Dout = 0 }.Validate();
    }
}

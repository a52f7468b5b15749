using Rollout.Mesh.Pubsub;

namespace Rollout.Mesh.Tests.Pubsub;

public sealed class DeliveryTests
{
    private const string Topic = "blossom/global";

    [Fact]
    public void DuplicateCopies_AreDeliveredAndForwardedOnce_WithinTheSeenTtl_AndAgainAfterIt()
    {
        var network = new TestNetwork();
        var node = network.Add();
        var first = network.AddSilent();
        var second = network.AddSilent();
        var meshPeer = network.AddSilent();
        foreach (var peer in new[] { first, second, meshPeer }) network.Connect(peer, node);
        meshPeer.Inject(node, Rpc.Subscribe(Topic));
        node.Join(Topic);
        Assert.Contains(meshPeer.Id, node.R.MeshPeers(Topic));
        var message = new PubsubMessage(first.Id, 1, Topic, "once"u8.ToArray());

        first.Inject(node, Rpc.Message(message));
        second.Inject(node, Rpc.Message(message));
        first.Inject(node, Rpc.Message(message));

        Assert.Single(node.Received);
        Assert.Equal(1, meshPeer.Inbox.Sum(m => m.Rpc.Messages.Count));

        // The seen cache forgets after two minutes (the message cache long before).
        network.Heartbeats(121);
        second.Inject(node, Rpc.Message(message));
        Assert.Equal(2, node.Received.Count);
    }

    [Fact]
    public void EveryNodeReceivesEachMessageExactlyOnce_OnAMeshedNetwork()
    {
        var network = new TestNetwork(9);
        var nodes = Enumerable.Range(0, 25).Select(_ => network.Add(new GossipSubOptions { FloodPublish = false })).ToList();
        var random = new Random(9);
        foreach (var node in nodes)
        {
            foreach (var other in nodes.OrderBy(_ => random.Next()).Take(8))
            {
                if (other != node) network.Connect(node, other);
            }
        }
        foreach (var node in nodes) node.Join(Topic);
        network.Heartbeats(5);

        var sent = nodes.Take(10).Select((n, i) => n.R.Publish(Topic, new[] { (byte)i })).ToList();
        network.Run();

        foreach (var node in nodes)
        {
            Assert.Equal(sent.Select(m => m.Id).Order(), node.Received.Select(m => m.Id).Order());
        }
    }

    [Fact]
    public void FloodPublish_SendsOwnMessagesToEverySubscriber_NotOnlyTheMesh()
    {
        var network = new TestNetwork();
        var options = new GossipSubOptions { D = 2, Dlo = 1, Dhi = 3, Dscore = 1, Dout = 0 };
        var publisher = network.Add(options);
        var peers = Enumerable.Range(0, 8).Select(_ => network.Add(options)).ToList();
        foreach (var peer in peers) network.Connect(publisher, peer);
        foreach (var peer in peers) peer.Join(Topic);
        publisher.Join(Topic);
        network.Delivered.Clear();

        var message = publisher.R.Publish(Topic, "flood"u8.ToArray());
        network.Run();

        Assert.True(publisher.R.MeshPeers(Topic).Count <= 3);
        var direct = network.Delivered.Where(d => d.From == publisher.Id && d.Rpc.Messages.Any(m => m.Id == message.Id)).Select(d => d.To);
        Assert.Equal(peers.Select(p => p.Id.Text).Order(), direct.Select(p => p.Text).Order());
    }

    [Fact]
    public void PublishingWithoutJoining_UsesAFanoutOfD_ThatExpiresAfterItsTtl()
    {
        var network = new TestNetwork();
        var options = new GossipSubOptions { FloodPublish = false };
        var publisher = network.Add(options);
        var peers = Enumerable.Range(0, 10).Select(_ => network.Add(options)).ToList();
        foreach (var peer in peers)
        {
            network.Connect(publisher, peer);
            peer.Join(Topic);
        }

        publisher.R.Publish(Topic, "a"u8.ToArray());
        network.Run();

        var fanout = publisher.R.FanoutPeers(Topic);
        Assert.Equal(options.D, fanout.Count);
        Assert.Empty(publisher.R.MeshPeers(Topic));
        // Only the fanout got it: the peers are connected to the publisher alone.
        Assert.Equal(fanout.Select(p => p.Text).Order(), peers.Where(p => p.Received.Count == 1).Select(p => p.Id.Text).Order());
        network.Heartbeats(59);
        Assert.Equal(options.D, publisher.R.FanoutPeers(Topic).Count);
        network.Heartbeats(2);
        Assert.Empty(publisher.R.FanoutPeers(Topic));
    }
}

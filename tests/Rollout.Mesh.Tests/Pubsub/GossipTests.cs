using Rollout.Mesh.Identity;
using Rollout.Mesh.Pubsub;

namespace Rollout.Mesh.Tests.Pubsub;

public sealed class GossipTests
{
    private const string Topic = "blossom/global";

    private static readonly GossipSubOptions Sparse = new() { D = 3, Dlo = 2, Dhi = 4, Dscore = 1, Dout = 1, FloodPublish = false };

    [Fact]
    public void MessageLostOnEveryLinkIntoAPeer_IsRecoveredThroughIHaveAndIWant()
    {
        var network = new TestNetwork(5);
        var nodes = Enumerable.Range(0, 12).Select(_ => network.Add(Sparse)).ToList();
        network.ConnectAll(nodes);
        foreach (var node in nodes) node.Join(Topic);
        network.Heartbeats(2);
        var target = nodes[^1];
        // Only an answer to the target's own IWANT gets through to it.
        network.Drop = (from, to, rpc) => to == target.Id && rpc.Messages.Count > 0 &&
            !rpc.Messages.All(m => network.Delivered.Any(d => d.From == target.Id && d.To == from && d.Rpc.IWant.Contains(m.Id)));

        var message = nodes[0].R.Publish(Topic, "hello"u8.ToArray());
        network.Run();
        Assert.DoesNotContain(target.Received, m => m.Id == message.Id);
        Assert.All(nodes.SkipLast(1), n => Assert.Contains(n.Received, m => m.Id == message.Id));

        network.Heartbeats(1);

        Assert.Single(target.Received, m => m.Id == message.Id);
        var iwant = Assert.Single(network.Delivered, d => d.From == target.Id && d.Rpc.IWant.Contains(message.Id));
        Assert.Contains(network.Delivered, d => d.From == iwant.To && d.To == target.Id && d.Rpc.IHave.Any(h => h.MessageIds.Contains(message.Id)));
        Assert.Contains(network.Delivered, d => d.From == iwant.To && d.To == target.Id && d.Rpc.Messages.Any(m => m.Id == message.Id));
    }

    [Fact]
    public void IHave_GossipsOnlyTheNewestWindows_ToPeersOutsideTheMesh()
    {
        var network = new TestNetwork(6);
        var nodes = Enumerable.Range(0, 12).Select(_ => network.Add(Sparse)).ToList();
        network.ConnectAll(nodes);
        foreach (var node in nodes) node.Join(Topic);
        network.Heartbeats(2);
        var message = nodes[0].R.Publish(Topic, "x"u8.ToArray());
        network.Run();
        network.Delivered.Clear();

        network.Heartbeats(3);
        var advertised = network.Delivered.Where(d => d.From == nodes[0].Id && d.Rpc.IHave.Any(h => h.MessageIds.Contains(message.Id))).ToList();
        Assert.NotEmpty(advertised);
        // Gossip goes outside the sender's mesh (the mesh got the message itself).
        network.Delivered.Clear();
        network.Heartbeats(1);

        Assert.DoesNotContain(network.Delivered, d => d.Rpc.IHave.Any(h => h.MessageIds.Contains(message.Id)));
        Assert.True(nodes[0].R.CachedMessages > 0);
        network.Heartbeats(2);
        Assert.Equal(0, nodes[0].R.CachedMessages);
    }

    [Fact]
    public void BrokenIWantPromises_ArePenalised_AndThePenaltyDecays()
    {
        var network = new TestNetwork();
        var node = network.Add();
        var liar = network.AddSilent();
        network.Connect(liar, node);
        node.Join(Topic);
        var ids = Enumerable.Range(1, 10).Select(i => MessageId.Of(liar.Id, (ulong)i)).ToArray();

        liar.Inject(node, Rpc.IHave(Topic, ids));
        var asked = liar.Inbox.SelectMany(m => m.Rpc.IWant).ToList();
        Assert.Equal(ids, asked);
        Assert.Equal(0, node.R.Score(liar.Id));

        network.Heartbeats(4);
        var penalised = node.R.Score(liar.Id);

        // Ten broken promises, threshold 6: clearly negative, below zero so it would be pruned from any mesh.
        Assert.True(penalised < -100, $"score {penalised}");
        network.Heartbeats(120);
        Assert.Equal(0, node.R.Score(liar.Id));
    }

    [Fact]
    public void IHave_OfAMessageAlreadySeen_IsNotAskedFor()
    {
        var network = new TestNetwork();
        var node = network.Add();
        var other = network.AddSilent();
        network.Connect(other, node);
        node.Join(Topic);
        var message = new PubsubMessage(other.Id, 1, Topic, "m"u8.ToArray());
        other.Inject(node, Rpc.Message(message));

        other.Inject(node, Rpc.IHave(Topic, message.Id));

        Assert.DoesNotContain(other.Inbox, m => m.Rpc.IWant.Count > 0);
    }

    [Fact]
    public void ALongIHave_IsAskedForItsUnseenIds_InOrder_UpToMaxIHaveLength()
    {
        // 200 IDs, every third one already seen: the limit counts the IDs asked for, not the IDs listed.
        var network = new TestNetwork();
        var node = network.Add(new GossipSubOptions { MaxIHaveLength = 100 });
        var other = network.AddSilent();
        network.Connect(other, node);
        node.Join(Topic);
        var messages = Enumerable.Range(1, 200).Select(i => new PubsubMessage(other.Id, (ulong)i, Topic, "m"u8.ToArray())).ToArray();
        foreach (var message in messages.Where((_, i) => i % 3 == 0)) other.Inject(node, Rpc.Message(message));

        other.Inject(node, Rpc.IHave(Topic, [.. messages.Select(m => m.Id)]));

        var asked = other.Inbox.SelectMany(m => m.Rpc.IWant).ToList();
        Assert.Equal(messages.Where((_, i) => i % 3 != 0).Take(100).Select(m => m.Id), asked);
    }

    [Fact]
    public void IWant_IsAnsweredAtMostGossipRetransmissionTimes()
    {
        var network = new TestNetwork();
        var node = network.Add();
        var asker = network.AddSilent();
        network.Connect(asker, node);
        node.Join(Topic);
        var message = node.R.Publish(Topic, "m"u8.ToArray());
        network.Run();
        asker.Inbox.Clear();

        for (var i = 0; i < 5; i++) asker.Inject(node, PubsubRpc.Empty with { IWant = [message.Id] });

        Assert.Equal(3, asker.Inbox.Sum(m => m.Rpc.Messages.Count(x => x.Id == message.Id)));
    }

    [Fact]
    public void MessageId_IsTheSameForEveryRouter_AndDiffersBySequence()
    {
        var author = Ed25519KeyPair.FromSeed(new byte[32]).PeerId;
        Assert.Equal(MessageId.Of(author, 7), new PubsubMessage(author, 7, "t", ReadOnlyMemory<byte>.Empty).Id);
        Assert.NotEqual(MessageId.Of(author, 7), MessageId.Of(author, 8));
        Assert.Equal(32, MessageId.Of(author, 7).ToString().Length);
    }
}

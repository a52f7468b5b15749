using Rollout.Mesh.Pubsub;

namespace Rollout.Mesh.Tests.Pubsub;

public sealed class BackoffTests
{
    private const string Topic = "blossom/global";

    [Fact]
    public void GraftInsideTheBackoff_IsRefusedAndPenalised_UntilTheScoreTurnsNegative()
    {
        var network = new TestNetwork();
        var node = network.Add();
        var spammer = network.AddSilent();
        network.Connect(spammer, node);
        node.Join(Topic);
        spammer.Inject(node, Rpc.Subscribe(Topic));
        // The spammer prunes the node: both sides now owe each other a minute's backoff.
        spammer.Inject(node, Rpc.Prune(Topic, TimeSpan.FromMinutes(1)));
        Assert.True(node.R.InBackoff(Topic, spammer.Id));
        Assert.Equal(0, node.R.Score(spammer.Id));

        for (var i = 0; i < 5; i++) spammer.Inject(node, Rpc.Graft(Topic));

        Assert.DoesNotContain(spammer.Id, node.R.MeshPeers(Topic));
        var answers = spammer.Inbox.SelectMany(m => m.Rpc.Prune).ToList();
        Assert.Equal(5, answers.Count);
        Assert.All(answers, p => Assert.Empty(p.Peers));
        // Five flood grafts (within GraftFloodThreshold of the prune) cost 2 each: penalty 10, threshold 6,
        // weight -10: -10 * (10 - 6)^2.
        Assert.Equal(-160, node.R.Score(spammer.Id), 6);
        Assert.Equal(5, node.R.Counters.BackoffViolations);
    }

    [Fact]
    public void GraftAfterTheFloodWindow_CostsOnePenaltyPoint()
    {
        var network = new TestNetwork();
        var node = network.Add(new GossipSubOptions { Score = new PeerScoreParams { BehaviourPenaltyThreshold = 0 } });
        var peer = network.AddSilent();
        network.Connect(peer, node);
        node.Join(Topic);
        peer.Inject(node, Rpc.Subscribe(Topic));
        peer.Inject(node, Rpc.Prune(Topic, TimeSpan.FromMinutes(1)));
        network.Time.Advance(TimeSpan.FromSeconds(30));

        peer.Inject(node, Rpc.Graft(Topic));

        // Penalty 1 over threshold 0 with weight -10.
        Assert.Equal(-10, node.R.Score(peer.Id), 6);
    }

    [Fact]
    public void PrunedRouter_DoesNotGraftBackBeforeTheBackoffAndTwoHeartbeatsOfSlackEnd_ThenDoes()
    {
        var network = new TestNetwork();
        var a = network.Add();
        var b = network.Add();
        network.Connect(a, b);
        a.Join(Topic);
        b.Join(Topic);
        Assert.Contains(b.Id, a.R.MeshPeers(Topic));

        b.Inject(a, Rpc.Prune(Topic, TimeSpan.FromSeconds(30)));
        // b still counts a as a mesh peer in this hand-made scenario; what matters is a's side.
        Assert.DoesNotContain(b.Id, a.R.MeshPeers(Topic));
        network.Delivered.Clear();

        // Backoff 30 s plus two heartbeats of slack.
        network.Heartbeats(31);
        Assert.DoesNotContain(network.Delivered, d => d.From == a.Id && d.Rpc.Graft.Contains(Topic));
        Assert.DoesNotContain(b.Id, a.R.MeshPeers(Topic));

        network.Heartbeats(2);
        Assert.Contains(network.Delivered, d => d.From == a.Id && d.Rpc.Graft.Contains(Topic));
        Assert.Contains(b.Id, a.R.MeshPeers(Topic));
    }

    [Fact]
    public void BackoffViolationPenalty_DecaysBackToZero()
    {
        var network = new TestNetwork();
        var node = network.Add();
        var spammer = network.AddSilent();
        network.Connect(spammer, node);
        node.Join(Topic);
        // Not subscribed, so the node never grafts it and no mesh time adds to its score.
        spammer.Inject(node, Rpc.Prune(Topic, TimeSpan.FromMinutes(1)));
        for (var i = 0; i < 5; i++) spammer.Inject(node, Rpc.Graft(Topic));
        var scores = new List<double> { node.R.Score(spammer.Id) };

        for (var minute = 0; minute < 3; minute++)
        {
            network.Heartbeats(60);
            scores.Add(node.R.Score(spammer.Id));
        }

        // Decay 0.99 per second: after one minute 10 * 0.99^60 = 5.47 is under the threshold of 6.
        Assert.True(scores[0] < 0);
        Assert.All(scores.Skip(1), s => Assert.Equal(0, s));
    }
}

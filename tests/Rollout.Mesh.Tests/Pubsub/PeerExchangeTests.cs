using Rollout.Mesh.Identity;
using Rollout.Mesh.Pubsub;
using Rollout.Mesh.Roles;

namespace Rollout.Mesh.Tests.Pubsub;

public sealed class PeerExchangeTests
{
    private const string Topic = "blossom/global";

    [Fact]
    public void Bootstrap_AnswersEveryGraftWithPruneHandingOnUpToPrunePeers_AndTheMeshFormsWithoutIt()
    {
        var network = new TestNetwork();
        var bootstrap = network.Add(RoleProfile.Bootstrap.Gossip);
        bootstrap.Join(Topic);
        var allow = new HashSet<PeerId> { bootstrap.Id };
        var peers = Enumerable.Range(0, 40).Select(_ => network.Add(allowList: allow)).ToList();
        foreach (var peer in peers)
        {
            network.Connect(peer, bootstrap);
            peer.Join(Topic);
        }

        var grafts = network.Delivered.Where(d => d.To == bootstrap.Id).Sum(d => d.Rpc.Graft.Count);
        var prunes = network.Delivered.Where(d => d.From == bootstrap.Id).SelectMany(d => d.Rpc.Prune).ToList();
        Assert.Equal(peers.Count, grafts);
        Assert.Equal(grafts, prunes.Count);
        Assert.All(prunes, p => Assert.InRange(p.Peers.Count, 0, 16));
        Assert.Equal(16, prunes[^1].Peers.Count);
        Assert.All(prunes, p => Assert.Equal(TimeSpan.FromMinutes(1), p.Backoff));
        Assert.Empty(bootstrap.R.MeshPeers(Topic));
        Assert.Equal(grafts, bootstrap.R.Counters.PrunesSent);
        Assert.Equal(prunes.Sum(p => p.Peers.Count), bootstrap.R.Counters.PeerExchangeRecordsSent);
        Assert.Equal(0, bootstrap.R.Counters.MeshAdded);

        network.Heartbeats(3);

        Assert.Empty(bootstrap.R.MeshPeers(Topic));
        Assert.All(peers, p => Assert.InRange(p.R.MeshPeers(Topic).Count, 5, 12));
        Assert.All(peers, p => Assert.DoesNotContain(bootstrap.Id, p.R.MeshPeers(Topic)));
    }

    [Fact]
    public void PeerExchange_FromAPeerBelowTheAcceptThreshold_IsNotDialed()
    {
        var network = new TestNetwork();
        var stranger = network.AddSilent();
        var node = network.Add();
        var offered = network.Add();
        network.Connect(stranger, node);
        node.Join(Topic);

        stranger.Inject(node, PubsubRpc.Empty with { Prune = [new ControlPrune(Topic, [offered.Record], TimeSpan.FromMinutes(1))] });
        network.Run();

        Assert.False(network.Connected(node.Id, offered.Id));
    }

    [Fact]
    public void PeerExchange_FromAnAllowListedPeer_DialsOnlyRecordsThatVerify()
    {
        var network = new TestNetwork();
        var bootstrap = network.AddSilent();
        var node = network.Add(allowList: new HashSet<PeerId> { bootstrap.Id });
        var honest = network.Add();
        var victim = network.Add();
        network.Connect(bootstrap, node);
        node.Join(Topic);
        // A record claiming the victim's ID with someone else's signature.
        var genuine = victim.Record.Encoded.ToArray();
        var forged = SignedPeerRecord.Decode([.. genuine[..^64], .. honest.Record.Encoded[^64..]], "forged");

        bootstrap.Inject(node, PubsubRpc.Empty with { Prune = [new ControlPrune(Topic, [honest.Record, forged], TimeSpan.FromMinutes(1))] });
        network.Run();

        Assert.True(network.Connected(node.Id, honest.Id));
        Assert.False(network.Connected(node.Id, victim.Id));
    }
}

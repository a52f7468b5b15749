using Rollout.Mesh.Pubsub;
using Rollout.Mesh.Transport;
using Rollout.Mesh.Roles;
using Rollout.Mesh.Tests.Pubsub;

namespace Rollout.Mesh.Tests.Roles;

public sealed class MeshNodeTests
{
    private const string Topic = "blossom/global";

    [Fact]
    public void Bootstrap_AtItsHighWatermark_RefusesNewPeersInsteadOfExceedingIt()
    {
        var network = new TestNetwork(3);
        var profile = RoleProfile.Bootstrap with { Connections = RoleProfile.Bootstrap.Connections with { LowWater = 10, HighWater = 20 } };
        var bootstrap = network.AddMeshNode(profile);
        bootstrap.Join(Topic);
        var list = new BootstrapPeers([bootstrap.Record]);
        var peers = Enumerable.Range(0, 60).Select(_ => network.AddMeshNode(RoleProfile.LightPeer, list)).ToList();
        var highest = 0;
        foreach (var peer in peers)
        {
            network.Connect(peer, bootstrap);
            highest = Math.Max(highest, bootstrap.Mesh!.Connections.Count);
            if (network.Connected(peer.Id, bootstrap.Id)) peer.Join(Topic);
            network.Heartbeats(1);
            highest = Math.Max(highest, bootstrap.Mesh!.Connections.Count);
        }

        Assert.Equal(20, highest);
        Assert.True(bootstrap.Mesh!.Connections.Refused > 0);
        Assert.True(bootstrap.Mesh.Router.ConnectedCount <= 20);
        Assert.Empty(bootstrap.R.MeshPeers(Topic));
    }

    [Fact]
    public void Link_CarriesMessagesToTheRouterAndCountsAsActivityOnTheConnection_UntilTheConnectionCloses()
    {
        var network = new TestNetwork(5);
        var node = network.AddMeshNode(RoleProfile.FullNode);
        node.Join(Topic);
        var peer = network.AddSilent();
        var link = node.Mesh!.OnConnected(peer.Id, ConnectionDirection.Inbound, peer.Record);
        Assert.NotNull(link);
        Assert.Equal(peer.Id, link.Peer);
        // A second announcement of the same connection does not open a second one.
        var again = node.Mesh.OnConnected(peer.Id, ConnectionDirection.Inbound, peer.Record);
        Assert.Same(link, again);
        Assert.Equal(1, node.Mesh.Connections.Count);
        Assert.Equal(1, node.R.ConnectedCount);
        network.Time.Advance(TimeSpan.FromSeconds(7));

        node.Mesh.OnReceived(link, Rpc.Message(new PubsubMessage(peer.Id, 1, Topic, "on the link"u8.ToArray())));

        Assert.Single(node.Received);
        var connection = Assert.Single(node.Mesh.Connections.Connections);
        Assert.Equal(network.Time.GetUtcNow().UtcTicks, connection.LastActivity);
        // Older traffic does not move the activity back: a touch later than the last message counts.
        network.Time.Advance(TimeSpan.FromSeconds(1));
        node.Mesh.Connections.Touch(peer.Id);
        Assert.Equal(network.Time.GetUtcNow().UtcTicks, connection.LastActivity);

        // Closed by the node: the host's stale link is ignored rather than resurrecting the peer.
        node.Mesh.OnDisconnected(peer.Id);
        network.Time.Advance(TimeSpan.FromSeconds(7));
        node.Mesh.OnReceived(link, Rpc.Message(new PubsubMessage(peer.Id, 2, Topic, "after the close"u8.ToArray())));

        Assert.False(link.IsOpen);
        Assert.False(connection.IsOpen);
        Assert.Single(node.Received);
        Assert.Empty(node.Mesh.Connections.Connections);
        Assert.Equal(0, node.R.ConnectedCount);
    }

    [Fact]
    public void DeadConnectionSweep_SparesAConnectionWhoseLinkCarriesMessages_AndClosesItOnceSilent()
    {
        var network = new TestNetwork(8);
        var profile = RoleProfile.FullNode with
        {
            Connections = RoleProfile.FullNode.Connections with
            {
                TrimOrder = Rollout.Mesh.Connections.TrimOrder.ZeroStreamsThenMostStreams,
                GracePeriod = TimeSpan.Zero,
                SilencePeriod = TimeSpan.FromSeconds(10),
            },
        };
        var node = network.AddMeshNode(profile);
        node.Join(Topic);
        var peer = network.AddSilent();
        var link = node.Mesh!.OnConnected(peer.Id, ConnectionDirection.Inbound, peer.Record)!;

        // A message every 8 s keeps it alive across sweeps each second, though nothing touches the connection itself.
        for (ulong i = 1; i <= 3; i++)
        {
            network.Time.Advance(TimeSpan.FromSeconds(8));
            node.Mesh.OnReceived(link, Rpc.Message(new PubsubMessage(peer.Id, i, Topic, "alive"u8.ToArray())));
            node.Mesh.Heartbeat();
        }
        for (var second = 0; second < 10; second++)
        {
            network.Time.Advance(TimeSpan.FromSeconds(1));
            node.Mesh.Heartbeat();
        }
        Assert.Equal(1, node.Mesh.Connections.Count);

        network.Time.Advance(TimeSpan.FromSeconds(1));
        node.Mesh.Heartbeat();

        Assert.Equal(0, node.Mesh.Connections.Count);
        Assert.False(link.IsOpen);
    }

    [Fact]
    public void Bootstrap_AtItsHardBound_ReturnsNoLinkForTheRefusedConnection()
    {
        var network = new TestNetwork(7);
        var profile = RoleProfile.Bootstrap with { Connections = RoleProfile.Bootstrap.Connections with { LowWater = 1, HighWater = 2 } };
        var bootstrap = network.AddMeshNode(profile);
        var peers = Enumerable.Range(0, 3).Select(_ => network.AddSilent()).ToList();

        Assert.NotNull(bootstrap.Mesh!.OnConnected(peers[0].Id, ConnectionDirection.Inbound, peers[0].Record));
        Assert.NotNull(bootstrap.Mesh.OnConnected(peers[1].Id, ConnectionDirection.Inbound, peers[1].Record));
        Assert.Null(bootstrap.Mesh.OnConnected(peers[2].Id, ConnectionDirection.Inbound, peers[2].Record));
        Assert.Equal(2, bootstrap.R.ConnectedCount);
    }

    [Fact]
    public void LightPeers_ProtectAndAllowListTheirBootstraps()
    {
        var network = new TestNetwork();
        var bootstrap = network.AddMeshNode(RoleProfile.Bootstrap);
        var list = new BootstrapPeers([bootstrap.Record]);
        var peer = network.AddMeshNode(RoleProfile.LightPeer, list);
        network.Connect(peer, bootstrap);

        Assert.True(peer.Mesh!.Connections.IsProtected(bootstrap.Id));
        Assert.True(peer.R.Score(bootstrap.Id) >= peer.R.Options.Thresholds.AcceptPeerExchange);
        Assert.Equal(0, bootstrap.R.Score(peer.Id));
    }

    [Fact]
    public void Heartbeat_TagsMeshPeersSoATrimSparesThem()
    {
        var network = new TestNetwork(4);
        var profile = RoleProfile.FullNode with
        {
            Connections = RoleProfile.FullNode.Connections with { LowWater = 8, HighWater = 13, GracePeriod = TimeSpan.Zero },
        };
        var node = network.AddMeshNode(profile);
        node.Join(Topic);
        var peers = Enumerable.Range(0, 13).Select(_ => network.AddMeshNode(RoleProfile.FullNode)).ToList();
        foreach (var peer in peers.Take(12))
        {
            network.Connect(peer, node);
            peer.Join(Topic);
        }
        network.Heartbeats(1);
        var mesh = node.R.MeshPeers(Topic);

        network.Connect(peers[^1], node);
        network.Heartbeats(1);

        // Reaching 13 trims to 8: the untagged newcomer goes first, every survivor was a tagged mesh peer.
        Assert.Equal(8, node.Mesh!.Connections.Count);
        Assert.False(network.Connected(node.Id, peers[^1].Id));
        Assert.All(node.Mesh.Connections.Connections, c => Assert.Contains(c.Peer, mesh));
    }

    [Fact]
    public void Heartbeat_KeepsTheMeshTagOnExactlyTheMeshPeers_AsPeersLeaveReconnectAndRejoin()
    {
        var network = new TestNetwork(6);
        var node = network.AddMeshNode(RoleProfile.FullNode);
        node.Join(Topic);
        var peers = Enumerable.Range(0, 4).Select(_ => network.AddMeshNode(RoleProfile.FullNode)).ToList();
        foreach (var peer in peers)
        {
            network.Connect(peer, node);
            peer.Join(Topic);
        }
        network.Heartbeats(1);
        void AssertTagsFollowTheMesh()
        {
            var mesh = node.R.MeshPeers(Topic);
            foreach (var connection in node.Mesh!.Connections.Connections)
            {
                Assert.Equal(mesh.Contains(connection.Peer) ? MeshNode.MeshTagValue : null, node.Mesh.Connections.GetTag(connection.Peer, MeshNode.MeshTag));
            }
        }
        Assert.Equal(4, node.R.MeshPeers(Topic).Count);
        AssertTagsFollowTheMesh();

        // A peer that leaves the topic prunes itself out of the mesh: its tag goes at the next heartbeat.
        peers[0].R.Leave(Topic);
        network.Run();
        network.Heartbeats(1);
        Assert.DoesNotContain(peers[0].Id, node.R.MeshPeers(Topic));
        Assert.Null(node.Mesh!.Connections.GetTag(peers[0].Id, MeshNode.MeshTag));
        AssertTagsFollowTheMesh();

        // A connection that closes takes its tags with it; the peer is tagged again once back in the mesh.
        network.Disconnect(node.Id, peers[1].Id);
        Assert.Null(node.Mesh.Connections.GetTag(peers[1].Id, MeshNode.MeshTag));
        network.Connect(peers[1], node);
        network.Heartbeats(3);
        Assert.Contains(peers[1].Id, node.R.MeshPeers(Topic));
        Assert.Equal(MeshNode.MeshTagValue, node.Mesh.Connections.GetTag(peers[1].Id, MeshNode.MeshTag));
        AssertTagsFollowTheMesh();
    }

    [Theory]
    [InlineData(NodeRole.Bootstrap)]
    [InlineData(NodeRole.Relay)]
    [InlineData(NodeRole.FullNode)]
    [InlineData(NodeRole.LightPeer)]
    public void EveryRoleProfile_IsValid(NodeRole role)
    {
        var profile = RoleProfile.For(role);
        Assert.Equal(role, profile.Role);
        profile.Gossip.Validate();
        profile.Connections.Validate();
    }

    [Fact]
    public void BootstrapProfile_KeepsNoMeshAndBoundsItsConnectionsHard()
    {
        var gossip = RoleProfile.Bootstrap.Gossip;
        Assert.Equal((0, 0, 0, 0, 0), (gossip.D, gossip.Dlo, gossip.Dhi, gossip.Dscore, gossip.Dout));
        Assert.True(gossip.PeerExchange);
        Assert.True(RoleProfile.Bootstrap.Connections.HardHighWater);
    }
}

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

using Rollout.Mesh.Pubsub;

namespace Rollout.Mesh.Tests.Pubsub;

public sealed class MeshMaintenanceTests
{
    private const string Topic = "blossom/global";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Heartbeats_KeepEveryMeshBetweenDloAndDhi(int seed)
    {
        var network = new TestNetwork(seed);
        var nodes = Enumerable.Range(0, 30).Select(_ => network.Add()).ToList();
        var random = new Random(seed);
        foreach (var node in nodes)
        {
            foreach (var other in nodes.OrderBy(_ => random.Next()).Take(10))
            {
                if (other != node) network.Connect(node, other);
            }
        }
        foreach (var node in nodes) node.Join(Topic);

        network.Heartbeats(10);

        var options = new GossipSubOptions();
        foreach (var node in nodes)
        {
            var mesh = node.R.MeshPeers(Topic);
            Assert.InRange(mesh.Count, options.Dlo, options.Dhi);
            // The mesh is symmetric once settled: whoever I keep, keeps me.
            foreach (var peer in mesh) Assert.Contains(node.Id, network.Nodes[peer].R.MeshPeers(Topic));
        }
    }

    [Fact]
    public void SameSeed_GivesTheSameMeshes_SoSimulationsReplay()
    {
        static List<string> Run()
        {
            var network = new TestNetwork(77);
            var nodes = Enumerable.Range(0, 20).Select(_ => network.Add()).ToList();
            network.ConnectAll(nodes);
            foreach (var node in nodes) node.Join(Topic);
            network.Heartbeats(5);
            nodes[3].R.Publish(Topic, "r"u8.ToArray());
            network.Run();
            network.Heartbeats(2);
            return [.. nodes.Select(n => string.Join(',', n.R.MeshPeers(Topic).Select(p => p.Text)))];
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Heartbeat_MeshAboveDhi_PrunesToDKeepingDoutOutboundAndHandsOnPeers()
    {
        var network = new TestNetwork();
        var options = new GossipSubOptions { D = 4, Dlo = 3, Dhi = 6, Dscore = 2, Dout = 2 };
        var hub = network.Add(options);
        var spokes = Enumerable.Range(0, 10).Select(_ => network.Add(options)).ToList();
        // The hub dials the last three spokes (outbound for the hub); the first seven dial the hub.
        for (var i = 0; i < spokes.Count; i++)
        {
            if (i >= 7) network.Connect(hub, spokes[i]);
            else network.Connect(spokes[i], hub);
        }
        hub.Join(Topic);
        foreach (var spoke in spokes) spoke.Join(Topic);
        // Every spoke grafted the hub on joining; the hub took inbound grafts up to Dhi, then every outbound one.
        Assert.Equal(options.Dhi + 3, hub.R.MeshPeers(Topic).Count);

        network.Delivered.Clear();
        network.Heartbeats(1);

        var mesh = hub.R.MeshPeers(Topic);
        Assert.Equal(options.D, mesh.Count);
        Assert.True(mesh.Count(p => spokes.IndexOf(network.Nodes[p]) >= 7) >= options.Dout);
        var prunes = network.Delivered.Where(d => d.From == hub.Id).SelectMany(d => d.Rpc.Prune).ToList();
        Assert.Equal(options.Dhi + 3 - options.D, prunes.Count);
        Assert.All(prunes, p => Assert.NotEmpty(p.Peers));
    }

    [Fact]
    public void Heartbeat_MeshAboveDhi_KeepsTheDscoreBestScoringPeers()
    {
        var network = new TestNetwork(8);
        var options = new GossipSubOptions { D = 4, Dlo = 3, Dhi = 6, Dscore = 2, Dout = 0 };
        var hub = network.Add(options);
        hub.Join(Topic);
        var spokes = Enumerable.Range(0, 9).Select(_ => network.AddSilent()).ToList();
        foreach (var spoke in spokes)
        {
            network.Connect(hub, spoke);
            spoke.Inject(hub, Rpc.Subscribe(Topic));
            spoke.Inject(hub, Rpc.Graft(Topic));
        }
        Assert.Equal(9, hub.R.MeshPeers(Topic).Count);
        // Spokes 3 and 7 delivered messages first: they score higher than the rest.
        for (var i = 1; i <= 5; i++)
        {
            spokes[3].Inject(hub, Rpc.Message(new PubsubMessage(spokes[3].Id, (ulong)i, Topic, "m"u8.ToArray())));
            spokes[7].Inject(hub, Rpc.Message(new PubsubMessage(spokes[7].Id, (ulong)i, Topic, "m"u8.ToArray())));
        }

        network.Heartbeats(1);

        var mesh = hub.R.MeshPeers(Topic);
        Assert.Equal(4, mesh.Count);
        Assert.Contains(spokes[3].Id, mesh);
        Assert.Contains(spokes[7].Id, mesh);
    }

    [Fact]
    public void OpportunisticGraft_WhenTheMeshMedianIsLow_GraftsBetterScoringPeers()
    {
        var network = new TestNetwork(12);
        var options = new GossipSubOptions { D = 3, Dlo = 2, Dhi = 6, Dscore = 1, Dout = 0, OpportunisticGraftTicks = 3, OpportunisticGraftPeers = 2 };
        var hub = network.Add(options);
        var spokes = Enumerable.Range(0, 6).Select(_ => network.AddSilent()).ToList();
        foreach (var spoke in spokes)
        {
            network.Connect(hub, spoke);
            spoke.Inject(hub, Rpc.Subscribe(Topic));
        }
        hub.Join(Topic);
        var outside = spokes.Where(s => !hub.R.MeshPeers(Topic).Contains(s.Id)).ToList();
        Assert.Equal(3, outside.Count);
        // Two peers outside the mesh deliver messages first and score about 5, above the threshold of 2.
        foreach (var spoke in outside.Take(2))
        {
            for (var i = 1; i <= 6; i++) spoke.Inject(hub, Rpc.Message(new PubsubMessage(spoke.Id, (ulong)i, Topic, "m"u8.ToArray())));
        }

        network.Heartbeats(2);
        Assert.Equal(3, hub.R.MeshPeers(Topic).Count);
        network.Heartbeats(1);

        var mesh = hub.R.MeshPeers(Topic);
        Assert.Equal(5, mesh.Count);
        Assert.All(outside.Take(2), s => Assert.Contains(s.Id, mesh));
        Assert.DoesNotContain(outside[2].Id, mesh);
    }

    [Fact]
    public void Join_GraftsUpToD_AndTheGraftedPeersAcceptWhileBelowDhi()
    {
        var network = new TestNetwork();
        var nodes = Enumerable.Range(0, 9).Select(_ => network.Add()).ToList();
        network.ConnectAll(nodes);
        foreach (var node in nodes.Skip(1)) node.Join(Topic);

        nodes[0].Join(Topic);

        var mesh = nodes[0].R.MeshPeers(Topic);
        Assert.Equal(new GossipSubOptions().D, mesh.Count);
        foreach (var peer in mesh) Assert.Contains(nodes[0].Id, network.Nodes[peer].R.MeshPeers(Topic));
    }

    [Fact]
    public void Leave_PrunesTheMeshAndPeersForgetUs()
    {
        var network = new TestNetwork();
        var nodes = Enumerable.Range(0, 4).Select(_ => network.Add()).ToList();
        network.ConnectAll(nodes);
        foreach (var node in nodes) node.Join(Topic);

        nodes[0].R.Leave(Topic);
        network.Run();

        Assert.Empty(nodes[0].R.MeshPeers(Topic));
        foreach (var node in nodes.Skip(1)) Assert.DoesNotContain(nodes[0].Id, node.R.MeshPeers(Topic));
        network.Heartbeats(3);
        foreach (var node in nodes.Skip(1)) Assert.DoesNotContain(nodes[0].Id, node.R.MeshPeers(Topic));
    }
}

using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation.Toys;

/// <summary>A connected random graph of flood nodes: a ring, plus random chords, every edge both ways.</summary>
public static class FloodTopology
{
    public static FloodNode[] Build(SimulatedNetwork<ToyMessage> network, int count, int chordsPerNode, ulong seed)
    {
        var random = Xoshiro256StarStar.ForPurpose(seed, "test.topology");
        var nodes = new FloodNode[count];
        network.AddNodes(count, NodeClass.Light, id => nodes[id] = new FloodNode());
        for (var i = 0; i < count; i++)
        {
            Connect(nodes, i, (i + 1) % count);
            for (var c = 0; c < chordsPerNode; c++)
            {
                var j = random.NextInt(count);
                if (j != i)
                    Connect(nodes, i, j);
            }
        }
        return nodes;
    }

    /// <summary>Hop distance from <paramref name="source"/> to every node.</summary>
    public static int[] HopDistances(FloodNode[] nodes, int source)
    {
        var distance = Enumerable.Repeat(-1, nodes.Length).ToArray();
        var queue = new Queue<int>();
        distance[source] = 0;
        queue.Enqueue(source);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in nodes[node].Neighbours)
            {
                if (distance[next] < 0)
                {
                    distance[next] = distance[node] + 1;
                    queue.Enqueue(next);
                }
            }
        }
        return distance;
    }

    private static void Connect(FloodNode[] nodes, int a, int b)
    {
        if (nodes[a].Neighbours.Contains(b))
            return;
        nodes[a].Neighbours.Add(b);
        nodes[b].Neighbours.Add(a);
    }
}

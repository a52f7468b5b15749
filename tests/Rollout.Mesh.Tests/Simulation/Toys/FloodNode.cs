using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation.Toys;

/// <summary>
/// Floods: on the first copy of a message it forwards it to every neighbour but the one it came from,
/// and remembers when it arrived. Later copies are ignored.
/// </summary>
public sealed class FloodNode : ISimulatedNode<ToyMessage>
{
    public const int MessageSize = 1_000;

    public List<int> Neighbours { get; } = [];

    public TimeSpan? FirstArrival { get; private set; }

    public int Copies { get; private set; }

    public void OnStart(SimulatedNodeContext<ToyMessage> context)
    {
    }

    /// <summary>Starts a flood from this node.</summary>
    public void Publish(SimulatedNodeContext<ToyMessage> context, ToyMessage message)
    {
        FirstArrival = context.Now;
        foreach (var neighbour in Neighbours)
            context.Send(neighbour, message, MessageSize);
    }

    public void OnMessage(SimulatedNodeContext<ToyMessage> context, int from, ToyMessage message)
    {
        Copies++;
        if (FirstArrival is not null)
            return;
        FirstArrival = context.Now;
        foreach (var neighbour in Neighbours)
        {
            if (neighbour != from)
                context.Send(neighbour, message, MessageSize);
        }
    }

    public void OnTimer(SimulatedNodeContext<ToyMessage> context, int tag)
    {
    }

    public void OnCrash() => FirstArrival = null;
}

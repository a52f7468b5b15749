namespace Rollout.Mesh.Simulation;

/// <summary>A node's handle on the network, passed to each callback; a struct, so handing it over allocates nothing.</summary>
/// <typeparam name="TMessage">The message type the network carries.</typeparam>
public readonly struct SimulatedNodeContext<TMessage>
    where TMessage : class
{
    internal SimulatedNodeContext(SimulatedNetwork<TMessage> network, int self)
    {
        Network = network;
        Self = self;
    }

    /// <summary>The network.</summary>
    public SimulatedNetwork<TMessage> Network { get; }

    /// <summary>This node's id.</summary>
    public int Self { get; }

    /// <summary>Virtual time as a <see cref="TimeProvider"/>.</summary>
    public TimeProvider Clock => Network.Engine.Clock;

    /// <summary>Virtual time since the start.</summary>
    public TimeSpan Now => Network.Engine.Elapsed;

    /// <summary>This node's class.</summary>
    public NodeClass Class => Network.ClassOf(Self);

    /// <summary>The bootstrap nodes, in the order they were added.</summary>
    public IReadOnlyList<int> Bootstraps => Network.Bootstraps;

    /// <summary>This node's own random stream: deterministic because the node's events run in a fixed order.</summary>
    public Xoshiro256StarStar Random => Network.RandomOf(Self);

    /// <summary>Sends <paramref name="message"/> of <paramref name="sizeBytes"/> bytes to <paramref name="to"/>.</summary>
    public SendResult Send(int to, TMessage message, int sizeBytes) => Network.Send(Self, to, message, sizeBytes);

    /// <summary>Calls this node's <see cref="ISimulatedNode{TMessage}.OnTimer"/> with <paramref name="tag"/> after <paramref name="delay"/>, unless it crashes first.</summary>
    public void SetTimer(TimeSpan delay, int tag) => Network.SetTimer(Self, delay, tag);
}

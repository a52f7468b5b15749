namespace Rollout.Mesh.Simulation;

/// <summary>
/// What the network drives: a simulated node reacts to its start, to messages and to its own timers.
/// Protocol objects plug in through a small adapter implementing this. All calls come on the
/// engine's thread, at the virtual time the context's clock reads.
/// </summary>
/// <typeparam name="TMessage">The message type the network carries; a class, so events hold it without boxing.</typeparam>
public interface ISimulatedNode<TMessage>
    where TMessage : class
{
    /// <summary>The node came online (first join or rejoin after a crash).</summary>
    void OnStart(SimulatedNodeContext<TMessage> context);

    /// <summary>A message from <paramref name="from"/> arrived.</summary>
    void OnMessage(SimulatedNodeContext<TMessage> context, int from, TMessage message);

    /// <summary>A timer set with <see cref="SimulatedNodeContext{TMessage}.SetTimer"/> fired.</summary>
    void OnTimer(SimulatedNodeContext<TMessage> context, int tag);

    /// <summary>
    /// The node crashed: its pending context timers and messages in flight to it are already void.
    /// Timers it created on the <see cref="TimeProvider"/> are its own to dispose.
    /// </summary>
    void OnCrash();
}

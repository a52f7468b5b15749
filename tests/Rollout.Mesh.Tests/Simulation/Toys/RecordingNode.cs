using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation.Toys;

/// <summary>Records every arrival, start, crash and timer, and does nothing else.</summary>
public sealed class RecordingNode : ISimulatedNode<ToyMessage>
{
    public List<(TimeSpan At, int From, ToyMessage Message)> Arrivals { get; } = [];

    public List<(TimeSpan At, int Tag)> Timers { get; } = [];

    public int Starts { get; private set; }

    public int Crashes { get; private set; }

    public Action<SimulatedNodeContext<ToyMessage>>? OnStarted { get; set; }

    public void OnStart(SimulatedNodeContext<ToyMessage> context)
    {
        Starts++;
        OnStarted?.Invoke(context);
    }

    public void OnMessage(SimulatedNodeContext<ToyMessage> context, int from, ToyMessage message) =>
        Arrivals.Add((context.Now, from, message));

    public void OnTimer(SimulatedNodeContext<ToyMessage> context, int tag) => Timers.Add((context.Now, tag));

    public void OnCrash() => Crashes++;
}

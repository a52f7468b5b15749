using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation.Toys;

/// <summary>Answers every ping with a pong; pings a partner every <see cref="Interval"/> from its start and records round trips.</summary>
public sealed class PingPongNode(int partner, TimeSpan interval, int pings) : ISimulatedNode<ToyMessage>
{
    private const int PingTag = 1;
    private int _sent;

    public TimeSpan Interval => interval;

    public List<TimeSpan> RoundTrips { get; } = [];

    public void OnStart(SimulatedNodeContext<ToyMessage> context)
    {
        if (pings > 0)
            context.SetTimer(TimeSpan.Zero, PingTag);
    }

    public void OnMessage(SimulatedNodeContext<ToyMessage> context, int from, ToyMessage message)
    {
        if (message.Kind == "ping")
            context.Send(from, message with { Kind = "pong" }, 64);
        else
            RoundTrips.Add(context.Now - message.SentAt);
    }

    public void OnTimer(SimulatedNodeContext<ToyMessage> context, int tag)
    {
        context.Send(partner, new ToyMessage("ping", _sent, context.Now), 64);
        if (++_sent < pings)
            context.SetTimer(interval, PingTag);
    }

    public void OnCrash() => _sent = pings;
}

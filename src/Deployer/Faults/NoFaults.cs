namespace Rollout.Deployer.Faults;

/// <summary>The injector of every production run: does nothing.</summary>
public sealed class NoFaults : IFaultInjector
{
    /// <summary>The shared instance.</summary>
    public static NoFaults Instance { get; } = new();

    /// <inheritdoc/>
    public void Reached(string step, FaultPhase phase)
    {
    }
}

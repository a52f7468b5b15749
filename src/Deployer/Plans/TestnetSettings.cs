namespace Rollout.Deployer.Plans;

/// <summary>Settings only a rehearsal plan may turn on.</summary>
/// <param name="FaultInjection">Honour <c>ROLLOUT_FAULT_POINT</c> (kill the process at a journaled point).</param>
public sealed record TestnetSettings(bool FaultInjection)
{
    /// <summary>Nothing testnet-only enabled.</summary>
    public static TestnetSettings None { get; } = new(false);

    /// <summary>Faults injected into the simulated network of the stage 1 and 2 mesh checks.</summary>
    public SimulatedFaults SimulatedFaults { get; init; } = SimulatedFaults.None;
}

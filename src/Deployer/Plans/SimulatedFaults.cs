namespace Rollout.Deployer.Plans;

/// <summary>
/// Faults a rehearsal plan injects into the simulated network its stage 1 and 2 mesh checks run on
/// (<c>testnet.simulated_faults</c>), so a rehearsal can show a check diagnosing a cause; mainnet refuses them.
/// </summary>
/// <param name="CrashingPeers">Mesh Stable: light peers that crash and restart during the observation window.</param>
/// <param name="ThrashingPeers">Mesh Stable: light peers that leave and rejoin the topic on purpose.</param>
/// <param name="StaleProvers">Prover Enrollment: provers whose view of the slots lags a frame (they miss slot updates).</param>
public sealed record SimulatedFaults(int CrashingPeers, int ThrashingPeers, int StaleProvers)
{
    /// <summary>No fault injected.</summary>
    public static SimulatedFaults None { get; } = new(0, 0, 0);

    /// <summary>True when at least one fault is injected.</summary>
    public bool Any => CrashingPeers > 0 || ThrashingPeers > 0 || StaleProvers > 0;
}

namespace Rollout.Deployer.Plans;

/// <summary>Settings only a rehearsal plan may turn on.</summary>
/// <param name="FaultInjection">Honour <c>ROLLOUT_FAULT_POINT</c> (kill the process at a journaled point).</param>
public sealed record TestnetSettings(bool FaultInjection)
{
    /// <summary>Nothing testnet-only enabled.</summary>
    public static TestnetSettings None { get; } = new(false);
}

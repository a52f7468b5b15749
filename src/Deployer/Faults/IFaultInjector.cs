namespace Rollout.Deployer.Faults;

/// <summary>Called at every journaled point; a rehearsal's injector may end the process there.</summary>
public interface IFaultInjector
{
    /// <summary>Reached <paramref name="phase"/> of <paramref name="step"/>.</summary>
    void Reached(string step, FaultPhase phase);
}

namespace Rollout.Deployer.Faults;

/// <summary>Where in a journaled step a fault point sits.</summary>
public enum FaultPhase
{
    /// <summary>After the step's intent is durable, before its action runs.</summary>
    Before,

    /// <summary>After the step's outcome is durable, before the next step's intent.</summary>
    After,
}

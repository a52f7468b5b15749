namespace Rollout.Deployer.Rollout;

/// <summary>The steps in rollout order, each with its stage; the machine and the dry run are both built from this.</summary>
public static class RolloutSteps
{
    /// <summary>The stages with their steps, in order.</summary>
    public static IReadOnlyList<(RolloutState Stage, int Number, IReadOnlyList<RolloutState> Steps)> Stages { get; } =
    [
        (RolloutState.BootstrapVerification, 1, [RolloutState.PeerExchange, RolloutState.ConnectionManagement, RolloutState.RoutingSuccess, RolloutState.UpperLimits]),
        (RolloutState.Release, 2, [RolloutState.ReleaseSigned, RolloutState.StasisLocked, RolloutState.UnlockCollecting, RolloutState.Unlocked, RolloutState.MeshStable, RolloutState.ProverEnrollment]),
        (RolloutState.Applications, 3, [RolloutState.BridgeDeployedPaused, RolloutState.TokenDeployed, RolloutState.Minting, RolloutState.MintVerified]),
        (RolloutState.Unpause, 4, [RolloutState.BridgeUnpaused, RolloutState.EthereumResumed]),
    ];

    /// <summary>Every step, in order.</summary>
    public static IReadOnlyList<RolloutState> All { get; } = Stages.SelectMany(s => s.Steps).ToList();

    /// <summary>True for a step that runs a check.</summary>
    public static bool IsStep(RolloutState state) => All.Contains(state);

    /// <summary>The state after <paramref name="step"/>: the next step, or Live after the last.</summary>
    public static RolloutState Next(RolloutState step)
    {
        var index = IndexOf(step);
        return index + 1 < All.Count ? All[index + 1] : RolloutState.Live;
    }

    /// <summary>The stage that holds <paramref name="step"/>.</summary>
    public static (RolloutState Stage, int Number) StageOf(RolloutState step)
    {
        var stage = Stages.First(s => s.Steps.Contains(step));
        return (stage.Stage, stage.Number);
    }

    private static int IndexOf(RolloutState step)
    {
        var index = All.ToList().IndexOf(step);
        return index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(step), step, "not a rollout step");
    }
}

namespace Rollout.Deployer.Rollout;

/// <summary>
/// The check of one rollout step. It must only observe (a resumed process may run it again), and it must
/// say <see cref="CheckResultKind.NotAvailable"/> rather than pass when it cannot measure.
/// </summary>
public interface IStageCheck
{
    /// <summary>The step it checks.</summary>
    RolloutState Step { get; }

    /// <summary>What the check measures and its criterion under <paramref name="context"/>'s plan, for dry runs and status.</summary>
    string Describe(CheckContext context);

    /// <summary>Runs the check.</summary>
    Task<CheckResult> EvaluateAsync(CheckContext context, CancellationToken cancellationToken = default);
}

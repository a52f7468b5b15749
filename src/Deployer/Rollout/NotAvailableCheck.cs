namespace Rollout.Deployer.Rollout;

/// <summary>
/// The honest check of a step whose measuring parts do not exist yet: it always reports
/// <see cref="CheckResultKind.NotAvailable"/>, naming what it needs, so a run holds there instead of passing.
/// </summary>
/// <param name="Step">The step.</param>
/// <param name="Criterion">What the real check will measure, under a plan.</param>
/// <param name="Needs">What it needs from the other projects.</param>
public sealed class NotAvailableCheck(RolloutState Step, Func<CheckContext, string> Criterion, string Needs) : IStageCheck
{
    /// <inheritdoc/>
    public RolloutState Step { get; } = Step;

    /// <summary>What it needs from the other projects.</summary>
    public string Needs { get; } = Needs;

    /// <inheritdoc/>
    public string Describe(CheckContext context) => Criterion(context);

    /// <inheritdoc/>
    public Task<CheckResult> EvaluateAsync(CheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(CheckResult.NotAvailable($"{Step} cannot be evaluated yet: it needs {Needs}"));
}

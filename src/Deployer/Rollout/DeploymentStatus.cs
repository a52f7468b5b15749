using System.Globalization;
using Rollout.Deployer.Journal;

namespace Rollout.Deployer.Rollout;

/// <summary>A deployment as <c>rollout status</c> shows it, read from its journal alone.</summary>
/// <param name="DeploymentId">The deployment.</param>
/// <param name="State">The current state (the last completed step's destination).</param>
/// <param name="Focus">The step that state is about: the current step, or the step a Failed or Held state names.</param>
/// <param name="InterruptedStep">A step whose intent has no outcome, if any.</param>
/// <param name="PlanVersion">The plan version in force.</param>
/// <param name="PlanSha256">Its hash.</param>
/// <param name="HeadSeq">The journal's last event.</param>
/// <param name="HeadHash">Its hash: record it elsewhere to anchor the journal.</param>
/// <param name="Steps">Every step with its latest result.</param>
/// <param name="Pending">Steps still to pass, in order.</param>
/// <param name="OperatorMustDecide">What the operator must decide, or null.</param>
public sealed record DeploymentStatus(
    string DeploymentId, RolloutState State, RolloutState? Focus, string? InterruptedStep, int PlanVersion, string PlanSha256, long HeadSeq, string HeadHash,
    IReadOnlyList<StepStatus> Steps, IReadOnlyList<RolloutState> Pending, string? OperatorMustDecide)
{
    /// <summary>Reads the status of <paramref name="journal"/>'s deployment.</summary>
    public static DeploymentStatus Read(DeploymentJournal journal)
    {
        var steps = journal.Steps();
        var last = steps.Count == 0 ? null : steps[^1];
        var state = last is null ? RolloutState.Planned : Enum.Parse<RolloutState>(last.Outcome is null ? last.Source : last.Destination);
        var results = journal.CheckResults();
        var lines = RolloutSteps.All.Select(step =>
        {
            var mine = results.Where(r => r.Check == step.ToString()).ToList();
            var latest = mine.LastOrDefault();
            var runs = mine.Count(r => r.Result != "attested");
            TimeSpan? duration = latest is null ? null : Parse(latest.FinishedAt) - Parse(latest.StartedAt);
            return new StepStatus(RolloutSteps.StageOf(step).Number, step, latest?.Result ?? "pending", runs, latest?.CauseCode,
                latest?.StartedAt, duration, latest?.Detail);
        }).ToList();
        var pending = lines.Where(l => l.Result is not ("passed" or "attested")).Select(l => l.Step).ToList();
        var plan = journal.CurrentPlan();
        RolloutState? focus = state is RolloutState.Failed or RolloutState.Held && last?.Outcome is not null ? OperatorGuidance.SubjectOf(last)
            : RolloutSteps.IsStep(state) ? state : null;
        return new DeploymentStatus(journal.DeploymentId, state, focus, last?.Outcome is null ? last?.Destination : null, plan.Version, plan.Sha256,
            journal.Head!.Seq, journal.Head.Hash, lines, state == RolloutState.Live ? [] : pending, OperatorGuidance.For(journal));
    }

    private static DateTimeOffset Parse(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Rollout.Deployer.Journal;

namespace Rollout.Deployer.Rollout;

/// <summary>What a failed or held deployment tells its operator, read from the journal's last step.</summary>
public static class OperatorGuidance
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The guidance for the journal's current state, or null when nothing waits on an operator.</summary>
    public static string? For(DeploymentJournal journal)
    {
        var steps = journal.Steps();
        if (steps.Count == 0) return null;
        var last = steps[^1];
        if (last.Outcome is null) return $"{last.Destination} was interrupted; `rollout resume --deployment {journal.DeploymentId}` reconciles it.";
        switch (last.Destination)
        {
            case nameof(RolloutState.Failed):
                var failure = JsonSerializer.Deserialize<CheckFailure>(last.Argument!, Json)!;
                var cause = CauseCatalog.Get(failure.CauseCode);
                var setting = cause.PlanSetting is null ? "" : $" (plan setting: {cause.PlanSetting})";
                return $"Failed at {failure.Check}: {failure.Cause} [{failure.CauseCode}]. Measured: {failure.Detail}\n" +
                    $"Proposed resolution: {failure.Resolution}{setting}.\n" +
                    $"Apply it, then run `rollout resume --deployment {journal.DeploymentId}` (add --plan FILE when the plan changed) to re-run the check.";
            case nameof(RolloutState.Held):
                var hold = JsonSerializer.Deserialize<HoldReason>(last.Argument!, Json)!;
                return $"Held at {hold.Check}: {hold.Reason}\n" +
                    $"Decide: `rollout resume --deployment {journal.DeploymentId}` re-runs the check; add --attest --note TEXT to vouch for it by other means, or --abort --note TEXT to stop.";
            default:
                return null;
        }
    }

    /// <summary>The step a Failed or Held state is about, from its trigger argument.</summary>
    public static RolloutState SubjectOf(StepRecord step)
    {
        using var document = JsonDocument.Parse(step.Argument ?? "{}");
        return Enum.Parse<RolloutState>(document.RootElement.GetProperty(nameof(HoldReason.Check)).GetString()!);
    }
}

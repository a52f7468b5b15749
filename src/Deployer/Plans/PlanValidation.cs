namespace Rollout.Deployer.Plans;

/// <summary>The outcome of reading a plan file: the plan, or every problem found in it.</summary>
/// <param name="FileName">The plan file's name, as messages print it.</param>
/// <param name="Plan">The plan when there is no problem.</param>
/// <param name="Problems">Every problem found, in document order.</param>
public sealed record PlanValidation(string FileName, RolloutPlan? Plan, IReadOnlyList<PlanProblem> Problems)
{
    /// <summary>True when the plan has no problem.</summary>
    public bool IsValid => Plan is not null && Problems.Count == 0;

    /// <summary>Every problem, one per line, headed by their count.</summary>
    public string Describe() =>
        $"{FileName}: {Problems.Count} problem(s)" + Environment.NewLine +
        string.Join(Environment.NewLine, Problems.Select(p => "  " + p.Format(FileName)));

    /// <summary>The plan, or an <see cref="InvalidDataException"/> listing every problem (the CLI maps it to exit 2).</summary>
    public RolloutPlan PlanOrThrow() => IsValid ? Plan! : throw new InvalidDataException(Describe());
}

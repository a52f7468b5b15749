namespace Rollout.Deployer.Rollout;

/// <summary>A check's result: passed, failed with a diagnosed cause, or not available.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Cause">For a failure, the diagnosed cause (with its resolution).</param>
/// <param name="Detail">What was measured, or why nothing could be.</param>
public sealed record CheckResult(CheckResultKind Kind, Cause? Cause, string Detail)
{
    /// <summary>The criterion was met.</summary>
    public static CheckResult Passed(string detail) => new(CheckResultKind.Passed, null, detail);

    /// <summary>The criterion was not met, for <paramref name="cause"/>.</summary>
    public static CheckResult Failed(Cause cause, string detail) => new(CheckResultKind.Failed, cause, detail);

    /// <summary>The check cannot be evaluated.</summary>
    public static CheckResult NotAvailable(string why) => new(CheckResultKind.NotAvailable, null, why);

    /// <summary>The journal's word for a result kind.</summary>
    public static string Word(CheckResultKind kind) => kind switch
    {
        CheckResultKind.Passed => "passed",
        CheckResultKind.Failed => "failed",
        CheckResultKind.NotAvailable => "not-available",
        _ => "attested",
    };
}

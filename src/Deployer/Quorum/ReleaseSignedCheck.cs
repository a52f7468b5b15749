using Rollout.Deployer.Rollout;

namespace Rollout.Deployer.Quorum;

/// <summary>
/// The ReleaseSigned step: the plan's release binary must match its <c>.dgst</c>, carry no invalid signature, and
/// reach the release quorum of valid Ed448 signatures from the plan's signatories, as the reference node checks it.
/// </summary>
public sealed class ReleaseSignedCheck : IStageCheck
{
    /// <inheritdoc/>
    public RolloutState Step => RolloutState.ReleaseSigned;

    /// <inheritdoc/>
    public string Describe(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        var binary = plan.Release.Binary is { } path ? plan.Resolve(path) : "(release.binary missing)";
        return $"{binary} matches its .dgst (SHA3-256) and carries at least {plan.Quorum.Release} valid Ed448 signatures of the {plan.Signatories.Count} signatories, none invalid";
    }

    /// <inheritdoc/>
    public Task<CheckResult> EvaluateAsync(CheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        if (plan.Release.Binary is null) return Task.FromResult(CheckResult.NotAvailable("ReleaseSigned: the plan names no release.binary"));
        var binary = plan.Resolve(plan.Release.Binary);
        if (!File.Exists(binary)) return Task.FromResult(CheckResult.NotAvailable($"ReleaseSigned: {binary} does not exist yet"));

        var signatories = SignatorySet.Of(plan);
        var result = ReleaseVerification.Check(binary, signatories, plan.Quorum.Release);
        var detail = $"{Path.GetFileName(binary)}: {result.Summary}" + (result.ValidSlots.Count > 0 ? $" (signatories #{string.Join(", #", result.ValidSlots)})" : "");
        return Task.FromResult(result switch
        {
            { Passed: true } => CheckResult.Passed(detail),
            { DigestMatches: false } when File.Exists(ReleaseDigest.DigestPath(binary)) => CheckResult.Failed(CauseCatalog.Get("RL-3"), detail),
            { DigestMatches: false } => CheckResult.NotAvailable($"ReleaseSigned: {result.Problem}; the signers have not run sign-release yet"),
            { InvalidSlots.Count: > 0 } => CheckResult.Failed(CauseCatalog.Get("RL-2"), detail),
            _ => CheckResult.Failed(CauseCatalog.Get("RL-1"), detail),
        });
    }
}

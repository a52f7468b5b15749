using System.Globalization;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Rollout;
using Rollout.Mesh.Scenarios;

namespace Rollout.Deployer.MeshChecks;

/// <summary>
/// The check of a stage 1 or 2 mesh step (<see cref="MeshSteps"/>): on a rehearsal plan it runs the step's
/// scenario on the discrete-event simulator with the plan's mesh settings, bootstrap count, thresholds and
/// simulated faults, seeded from the deployment, and reads the verdict under the plan's thresholds; a failure
/// carries the scenario's first diagnosed cause from <see cref="CauseCatalog"/>. On mainnet it is not available:
/// the same evaluation needs metrics scraped from the real bootstraps, and a simulation never passes a mainnet step.
/// </summary>
/// <param name="step">The step; one of <see cref="MeshSteps.All"/>.</param>
/// <param name="progress">Where a long run's progress lines go (the operator's error stream), or null for none.</param>
public sealed class MeshScenarioCheck(RolloutState step, TextWriter? progress = null) : IStageCheck
{
    /// <summary>What a mainnet run of these checks needs, which does not exist yet.</summary>
    public const string MainnetNeeds = "metrics scraped from the real bootstraps (a later step; the simulator stands in only on a rehearsal)";

    private readonly MeshStep _mesh = MeshSteps.For(step);

    /// <inheritdoc/>
    public RolloutState Step { get; } = step;

    /// <inheritdoc/>
    public string Describe(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        var criterion = _mesh.Criterion(plan);
        if (plan.Network == NetworkProfile.Mainnet) return $"{criterion}; on mainnet it needs {MainnetNeeds}";
        var deployment = context.DeploymentId;
        var seed = deployment is null ? "seed derived from the deployment id" : $"seed {SimulationSeed.For(deployment)}";
        return $"{criterion}; simulated: {Population(MeshSimulationSettings.For(plan, 0))}, {seed}";
    }

    /// <inheritdoc/>
    public Task<CheckResult> EvaluateAsync(CheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var plan = context.Plan;
        if (plan.Network == NetworkProfile.Mainnet)
        {
            return Task.FromResult(CheckResult.NotAvailable($"{Step} on mainnet needs {MainnetNeeds}; it is never passed on a simulation"));
        }
        var deployment = context.DeploymentId;
        var seed = SimulationSeed.For(deployment ?? plan.Sha256Hex);
        var origin = deployment is null ? "from the plan's hash: no deployment" : $"from deployment {deployment}";
        var settings = MeshSimulationSettings.For(plan, seed);
        try
        {
            settings.Validate();
        }
        catch (InvalidDataException ex)
        {
            return Task.FromResult(CheckResult.NotAvailable($"{Step}: the plan's settings cannot be simulated ({ex.Message})"));
        }
        var line = new SimulationProgressLine(progress, Step.ToString(), context.Time, cancellationToken);
        line.Say($"simulating {_mesh.Scenario}: {Population(settings)}, seed {seed}");
        var report = MeshScenarios.Run(_mesh.Scenario, settings, line.Report);
        var comparison = _mesh.Compare(report, settings, plan);
        return Task.FromResult(Verdict(report, settings, comparison, origin));
    }

    private CheckResult Verdict(ScenarioReport report, ScenarioSettings settings, MeshComparison comparison, string origin)
    {
        var run = string.Create(CultureInfo.InvariantCulture,
            $"simulated {report.Scenario}: {Population(settings)}, seed {settings.Seed} ({origin}); {report.Engine.Events} events, {report.Engine.VirtualSeconds:F1} virtual s, trace {report.Engine.TraceHash}{Sweep(report)}; reproduce: {ReproduceCommand.For(report.Scenario, settings)}");
        if (comparison.Passed)
        {
            var lenient = report.Passed ? "" : $" (the simulator's strict criterion \"{report.Criterion}\" failed; the plan's threshold allows it)";
            return CheckResult.Passed($"{comparison.Compared}{lenient}. {run}");
        }
        var ours = CauseCatalog.For(Step).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var diagnosed = report.Diagnoses.Where(d => ours.Contains(d.CauseId)).ToList();
        var foreign = report.Diagnoses.Where(d => !ours.Contains(d.CauseId)).Select(d => $"{d.CauseId} (not a {Step} cause): {d.Evidence}");
        var others = diagnosed.Skip(1).Select(d => $"{d.CauseId}: {d.Evidence}").Concat(foreign).ToList();
        var also = others.Count == 0 ? "" : $"; also diagnosed: {string.Join("; ", others)}";
        if (diagnosed.Count > 0)
        {
            var first = diagnosed[0];
            return CheckResult.Failed(CauseCatalog.Get(first.CauseId), $"{comparison.Compared}; {first.Evidence}{also}. {run}");
        }
        if (_mesh.GenericCause is { } generic)
        {
            return CheckResult.Failed(CauseCatalog.Get(generic), $"{comparison.Compared}; no specific cause diagnosed{also}. {run}");
        }
        return CheckResult.NotAvailable(
            $"{Step}: the simulation failed the criterion but diagnosed none of the step's causes, so no resolution can be proposed; the operator decides (attest, resume with a changed plan, or abort). {comparison.Compared}{also}. {run}");
    }

    private string Population(ScenarioSettings settings) => Step == RolloutState.ProverEnrollment
        ? string.Create(CultureInfo.InvariantCulture, $"{settings.Provers} provers, subshard threshold {settings.SubshardThreshold}")
        : string.Create(CultureInfo.InvariantCulture, $"{settings.Peers} peers, {settings.Relays} relays, {settings.Bootstraps} bootstraps");

    private static string Sweep(ScenarioReport report) => report.Sweep.Count == 0
        ? ""
        : "; sweep " + string.Join(", ", report.Sweep.Select(t => string.Create(CultureInfo.InvariantCulture,
            $"{t.HighWater}: reached {t.Reached}/{t.Peers}, in mesh {t.InMesh}{(t.Served ? " served" : "")}")));
}

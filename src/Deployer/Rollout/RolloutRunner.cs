using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Deployer.Cli;
using Rollout.Deployer.Faults;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Plans;
using Rollout.Deployer.StateMachine;

namespace Rollout.Deployer.Rollout;

/// <summary>
/// Drives one deployment: restores the machine from the journal (reconciling an interrupted step), applies
/// the operator's decision, then fires step after step until the rollout is live, failed, held or aborted.
/// </summary>
public sealed class RolloutRunner : IRolloutActions
{
    private readonly DeploymentJournal _journal;
    private readonly Dictionary<RolloutState, IStageCheck> _checks;
    private readonly CheckContext _context;
    private readonly TimeProvider _time;
    private readonly TextWriter _output;
    private readonly JournaledSteps<RolloutState, RolloutTrigger> _steps;
    private readonly RolloutMachine _rollout;

    /// <summary>Creates the runner for <paramref name="journal"/>'s deployment under <paramref name="plan"/>.</summary>
    public RolloutRunner(DeploymentJournal journal, RolloutPlan plan, IEnumerable<IStageCheck> checks, IFaultInjector faults, TimeProvider time, TextWriter output)
    {
        _journal = journal;
        _checks = checks.ToDictionary(c => c.Step);
        var missing = RolloutSteps.All.Where(s => !_checks.ContainsKey(s)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"no check wired for {string.Join(", ", missing)}", nameof(checks));
        _context = new CheckContext(plan, journal, time) { Faults = faults, DeploymentId = journal.DeploymentId };
        _time = time;
        _output = output;
        _steps = new JournaledSteps<RolloutState, RolloutTrigger>(journal, faults);
        _rollout = new RolloutMachine(_steps, this);
    }

    /// <summary>The current state.</summary>
    public RolloutState State => _rollout.Machine.State;

    /// <summary>Runs until the rollout is live, failed, held or aborted.</summary>
    public async Task<RunResult> RunAsync(OperatorDecision? decision, CancellationToken cancellationToken = default)
    {
        try
        {
            return await RunStepsAsync(decision, cancellationToken);
        }
        catch (EthereumUnreachableException ex)
        {
            // The step's intent stays open without a result: the next resume reconciles it and runs it again.
            var step = _journal.Steps() is { Count: > 0 } steps ? steps[^1].Destination : RolloutState.Planned.ToString();
            return new RunResult(_rollout.Machine.State, ExitCodes.Unreachable,
                $"Unreachable during {step}: {ex.Message}. Nothing was decided; run rollout resume once the endpoint answers.");
        }
    }

    /// <summary>
    /// Refuses (<see cref="InvalidDataException"/>) a decision that cannot apply where the journal left the rollout:
    /// an attestation of anything but a held step, an abort of a rollout that is already live or aborted. Callers
    /// check before they write anything, so a refused decision leaves the journal as it was.
    /// </summary>
    public void CheckDecision(OperatorDecision? decision)
    {
        var (state, interrupted) = _steps.ResumePoint(RolloutState.Planned);
        if (decision?.Action == DecisionAction.Attest && (interrupted is not null || state != RolloutState.Held))
        {
            throw new InvalidDataException($"--attest: only a held step can be attested; the rollout is {(interrupted is null ? state : interrupted.Intent.Destination)}");
        }
        if (decision?.Action == DecisionAction.Abort && interrupted is null && state is RolloutState.Live or RolloutState.Aborted)
        {
            throw new InvalidDataException($"--abort: the rollout is already {state}; there is nothing to abort");
        }
    }

    private async Task<RunResult> RunStepsAsync(OperatorDecision? decision, CancellationToken cancellationToken)
    {
        var machine = _rollout.Machine;
        CheckDecision(decision);
        var (state, interrupted) = _steps.ResumePoint(RolloutState.Planned);
        if (interrupted is not null) _output.WriteLine($"resume: {interrupted.Intent.Destination} was interrupted; reconciling it");
        var verdict = await machine.ResumeAsync(state, interrupted, cancellationToken);
        if (verdict == Reconciliation.Unknown && RolloutSteps.IsStep(machine.State))
        {
            await machine.FireAsync(_rollout.Hold, new HoldReason(machine.State, "the step was interrupted and its outcome cannot be established"), cancellationToken);
        }
        if (machine.State is RolloutState.Held or RolloutState.Failed || decision?.Action == DecisionAction.Abort)
        {
            await DecideAsync(decision ?? new OperatorDecision(DecisionAction.Retry, "resume", "rollout"), cancellationToken);
        }
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = machine.State;
            switch (current)
            {
                case RolloutState.Planned:
                    await machine.FireAsync(RolloutTrigger.Start, cancellationToken);
                    continue;
                case RolloutState.Live:
                    return new RunResult(current, ExitCodes.Success, LiveSummary());
                case RolloutState.Aborted:
                    return new RunResult(current, ExitCodes.CheckFailed, "Aborted by the operator.");
                case RolloutState.Failed:
                    return FailedResult();
                case RolloutState.Held:
                    return HeldResult();
            }
            var result = LatestResult(CurrentStepId());
            switch (result.Result)
            {
                case "passed":
                    await machine.FireAsync(RolloutTrigger.Pass, cancellationToken);
                    break;
                case "failed":
                    var cause = CauseCatalog.Get(result.CauseCode!);
                    await machine.FireAsync(_rollout.Fail, new CheckFailure(current, cause.Code, cause.Text, cause.Resolution, result.Detail), cancellationToken);
                    break;
                default:
                    await machine.FireAsync(_rollout.Hold, new HoldReason(current, result.Detail), cancellationToken);
                    break;
            }
        }
    }

    /// <inheritdoc/>
    public async Task RunCheckAsync(RolloutState step, CancellationToken cancellationToken = default)
    {
        var stepId = CurrentStepId();
        var started = _time.GetUtcNow();
        CheckResult result;
        try
        {
            result = await _checks[step].EvaluateAsync(_context with { StepId = stepId }, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or EthereumUnreachableException))
        {
            // A check that breaks has measured nothing: its outcome is unknown, which is a hold, never a pass.
            // An unreachable outside system is not a verdict either: it propagates (exit 3) with the step left open.
            result = CheckResult.NotAvailable($"{step} check raised {ex.GetType().Name}: {ex.Message}");
        }
        if (result.Kind == CheckResultKind.Failed && result.Cause?.Check != step)
        {
            throw new InvalidOperationException($"{step} check diagnosed {result.Cause?.Code ?? "no cause"}, which is not one of its causes");
        }
        _journal.AppendCheckResult(stepId, step.ToString(), CheckResult.Word(result.Kind), result.Cause?.Code, result.Detail, started, _time.GetUtcNow());
        _output.WriteLine($"{step}: {CheckResult.Word(result.Kind)}: {result.Detail}");
    }

    /// <inheritdoc/>
    public Task<Reconciliation> ReconcileCheckAsync(RolloutState step, CancellationToken cancellationToken = default) =>
        Task.FromResult(_journal.CheckResults().Any(r => r.StepId == CurrentStepId()) ? Reconciliation.Completed : Reconciliation.Redo);

    /// <inheritdoc/>
    public bool MayPass(RolloutState step) =>
        _journal.CheckResults().LastOrDefault(r => r.StepId == CurrentStepId())?.Result == "passed";

    private async Task DecideAsync(OperatorDecision decision, CancellationToken cancellationToken)
    {
        var machine = _rollout.Machine;
        var subject = machine.State is RolloutState.Held or RolloutState.Failed ? SubjectOfLastStep() : machine.State;
        switch (decision.Action)
        {
            case DecisionAction.Abort:
                _journal.AppendDecision("abort", subject.ToString(), decision.Note, decision.Operator);
                await machine.FireAsync(RolloutTrigger.Abort, cancellationToken);
                break;
            case DecisionAction.Attest when machine.State == RolloutState.Held:
                var decided = _journal.AppendDecision("attest", subject.ToString(), decision.Note, decision.Operator);
                var now = _time.GetUtcNow();
                _journal.AppendCheckResult(CurrentStepId(), subject.ToString(), "attested", null, $"attested by {decision.Operator} (decision #{decided}): {decision.Note}", now, now);
                await machine.FireAsync(_rollout.Attest, new Attestation(subject, decision.Note), cancellationToken);
                break;
            case DecisionAction.Attest:
                throw new InvalidDataException($"--attest: only a held step can be attested; the rollout is {machine.State}");
            default:
                _journal.AppendDecision("retry", subject.ToString(), decision.Note, decision.Operator);
                await machine.FireAsync(_rollout.Retry, subject, cancellationToken);
                break;
        }
    }

    // An attested step was decided by an operator, not measured: the summary says which, so nobody reads "passed" for it.
    private string LiveSummary()
    {
        var attested = _journal.CheckResults().Where(r => r.Result == "attested").Select(r => r.Check).Distinct().ToList();
        return attested.Count == 0 ? "Live: every step passed." : $"Live: every step passed or was attested by an operator (attested: {string.Join(", ", attested)}).";
    }

    private RunResult FailedResult() => new(RolloutState.Failed, ExitCodes.CheckFailed, OperatorGuidance.For(_journal)!);

    private RunResult HeldResult() => new(RolloutState.Held, ExitCodes.Held, OperatorGuidance.For(_journal)!);

    private RolloutState SubjectOfLastStep() => OperatorGuidance.SubjectOf(LastStep());

    private StepRecord LastStep() => _journal.Steps()[^1];

    private long CurrentStepId() => LastStep().StepId;

    private CheckResultRecord LatestResult(long stepId) =>
        _journal.CheckResults().LastOrDefault(r => r.StepId == stepId)
        ?? throw new InvalidOperationException($"journal: step #{stepId} completed without a check result");
}

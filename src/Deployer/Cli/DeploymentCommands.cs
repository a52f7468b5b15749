using System.CommandLine;
using Rollout.Deployer.Faults;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Rollout;

namespace Rollout.Deployer.Cli;

/// <summary>The deployer's verbs: <c>plan validate</c>, <c>run</c>, <c>resume</c>; <c>status</c>, <c>journal</c>, <c>graph</c> are in <see cref="InspectionCommands"/>.</summary>
internal static class DeploymentCommands
{
    public static IEnumerable<Command> Create(TextWriter output) => [PlanCommand(output), RunCommand(output), ResumeCommand(output), .. InspectionCommands.Create(output)];

    private static Command PlanCommand(TextWriter output)
    {
        var plan = DeploymentOptions.Plan(required: true);
        var validate = new Command("validate", "Check a plan file; report every problem with its path and line (exit 2), or summarise it (exit 0)") { plan };
        validate.SetAction(parse =>
        {
            var valid = PlanReader.Read(parse.GetValue(plan)!);
            output.WriteLine($"{Path.GetFileName(valid.Source)}: valid {valid.Network.ToString().ToLowerInvariant()} plan, sha256 {valid.Sha256Hex}");
            output.WriteLine($"  {valid.Signatories.Count} signatories, release quorum {valid.Quorum.Release}, unlock quorum {valid.Quorum.Unlock}{(valid.Quorum.Overridden ? " (set in the plan)" : " (reference rules)")}");
            output.WriteLine($"  {valid.BootstrapPeers.Count} bootstrap peers, mesh D={valid.Mesh.D} Dlo={valid.Mesh.Dlo} Dhi={valid.Mesh.Dhi} heartbeat {DurationText.Format(valid.Mesh.Heartbeat)}, watermarks {valid.Mesh.WatermarkLow}/{valid.Mesh.WatermarkHigh}");
            output.WriteLine($"  Ethereum chain {valid.Ethereum.ChainId} at {valid.Ethereum.RpcUrl}, {valid.Ethereum.Confirmations} confirmation(s); subshard threshold {valid.SubshardThreshold}");
            return ExitCodes.Success;
        });
        return new Command("plan", "Plan files") { validate };
    }

    private static Command RunCommand(TextWriter output)
    {
        var plan = DeploymentOptions.Plan(required: true);
        var deployment = DeploymentOptions.Deployment(required: false);
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what each step would do; write and contact nothing" };
        var home = DeploymentOptions.Home();
        var command = new Command("run", "Start a deployment from a plan and run it until it is live, fails, or holds") { plan, deployment, dryRun, home };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (valid, content) = ReadPlan(parse.GetValue(plan)!);
            if (parse.GetValue(dryRun))
            {
                output.Write(DryRun.Describe(valid, StageChecks.Default(), TimeProvider.System));
                return ExitCodes.Success;
            }
            var faults = ProcessKillInjector.FromEnvironment(valid.Testnet.FaultInjection, output);
            var id = parse.GetValue(deployment) ?? "rollout-" + TimeProvider.System.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var folder = Path.GetFullPath(parse.GetValue(home)!);
            if (DeploymentJournal.Exists(folder, id)) throw new InvalidDataException($"deployment {id} already exists in {folder}; use rollout resume --deployment {id}");
            using var journal = DeploymentJournal.Create(folder, id, TimeProvider.System);
            journal.AppendPlanVersion(valid.Sha256Hex, Path.GetFullPath(valid.Source), content);
            output.WriteLine($"deployment: {id}");
            return await RunAsync(new RolloutRunner(journal, valid, StageChecks.Default(), faults, TimeProvider.System, output), null, output, cancellationToken);
        });
        return command;
    }

    private static Command ResumeCommand(TextWriter output)
    {
        var deployment = DeploymentOptions.Deployment(required: true);
        var plan = DeploymentOptions.Plan(required: false);
        plan.Description = "A changed plan to adopt first (journaled with its hash), e.g. after applying a resolution";
        var attest = new Option<bool>("--attest") { Description = "Vouch for the held step's criterion by other means (needs --note)" };
        var abort = new Option<bool>("--abort") { Description = "Stop the rollout (needs --note)" };
        var note = new Option<string>("--note") { Description = "Why: the evidence for --attest, the reason for --abort" };
        var operatorName = new Option<string>("--operator") { Description = "Who decides (default: the user name)", DefaultValueFactory = _ => Environment.UserName };
        var home = DeploymentOptions.Home();
        var command = new Command("resume", "Continue a deployment: reconcile an interrupted step, apply a decision, and run on") { deployment, plan, attest, abort, note, operatorName, home };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var decision = Decision(parse.GetValue(attest), parse.GetValue(abort), parse.GetValue(note), parse.GetValue(operatorName)!);
            (RolloutPlan? changed, string? changedContent) = parse.GetValue(plan) is { } path ? ReadPlan(path) : (null, null);
            using var journal = DeploymentJournal.Open(Path.GetFullPath(parse.GetValue(home)!), parse.GetValue(deployment)!, TimeProvider.System);
            var current = journal.CurrentPlan();
            var inForce = PlanReader.Validate(System.Text.Encoding.UTF8.GetBytes(current.Content), current.Source).PlanOrThrow();
            if (changed is not null && changed.Network != inForce.Network)
            {
                throw new InvalidDataException($"--plan: a deployment cannot move from {inForce.Network} to {changed.Network}");
            }
            // Every refusal comes before the first write: bad input changes nothing.
            var faults = ProcessKillInjector.FromEnvironment((changed ?? inForce).Testnet.FaultInjection, output);
            var runner = new RolloutRunner(journal, changed ?? inForce, StageChecks.Default(), faults, TimeProvider.System, output);
            runner.CheckDecision(decision);
            if (changed is not null)
            {
                var version = journal.AppendPlanVersion(changed.Sha256Hex, Path.GetFullPath(changed.Source), changedContent!);
                if (version != current.Version)
                {
                    journal.AppendDecision("plan-change", $"plan v{version}", $"sha256 {changed.Sha256Hex}", parse.GetValue(operatorName)!);
                    output.WriteLine($"plan: adopted version {version} (sha256 {changed.Sha256Hex})");
                }
            }
            return await RunAsync(runner, decision, output, cancellationToken);
        });
        return command;
    }

    /// <summary>Reads a plan file once, so the journaled hash and content are of the same bytes.</summary>
    private static (RolloutPlan Plan, string Content) ReadPlan(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: plan file not found");
        var bytes = File.ReadAllBytes(path);
        return (PlanReader.Validate(bytes, path).PlanOrThrow(), System.Text.Encoding.UTF8.GetString(bytes));
    }

    private static OperatorDecision? Decision(bool attest, bool abort, string? note, string operatorName)
    {
        if (attest && abort) throw new InvalidDataException("--attest and --abort exclude each other");
        if ((attest || abort) && string.IsNullOrWhiteSpace(note)) throw new InvalidDataException($"--{(attest ? "attest" : "abort")} needs --note with the reason");
        if (attest) return new OperatorDecision(DecisionAction.Attest, note!, operatorName);
        if (abort) return new OperatorDecision(DecisionAction.Abort, note!, operatorName);
        return note is null ? null : new OperatorDecision(DecisionAction.Retry, note, operatorName);
    }

    private static async Task<int> RunAsync(RolloutRunner runner, OperatorDecision? decision, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(decision, cancellationToken);
        output.WriteLine(result.Message);
        return result.ExitCode;
    }
}

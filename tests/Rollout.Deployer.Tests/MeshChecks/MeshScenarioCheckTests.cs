using System.Text.RegularExpressions;
using Rollout.Deployer.Cli;
using Rollout.Deployer.MeshChecks;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Rollout;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.MeshChecks;

public sealed class MeshScenarioCheckTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    public static TheoryData<RolloutState> MeshStepsInOrder() => [.. MeshSteps.All.Select(m => m.Step)];

    /// <summary>
    /// Runs the check as deployment "mesh-check-test" would, so the simulation's seed does not move when the sample
    /// plan's text (and so its hash) changes.
    /// </summary>
    private async Task<CheckResult> Evaluate(RolloutState step, RolloutPlan plan, TextWriter? progress = null)
    {
        var (context, journal) = MeshPlans.Deployment(plan, _home.Combine(Guid.NewGuid().ToString("N")), "mesh-check-test");
        using (journal)
        {
            return await new MeshScenarioCheck(step, progress).EvaluateAsync(context);
        }
    }

    private static void AssertFailedWith(CheckResult result, RolloutState step, string code)
    {
        Assert.True(result.Kind == CheckResultKind.Failed, $"{result.Kind}: {result.Detail}");
        var cause = CauseCatalog.Get(code);
        Assert.Equal(cause, result.Cause);
        Assert.Equal(step, result.Cause!.Check);
        Assert.False(string.IsNullOrEmpty(result.Cause.Resolution));
    }

    [Theory]
    [MemberData(nameof(MeshStepsInOrder))]
    public async Task EveryMeshStep_PassesOnTheHealthyRehearsalPlan_NamingTheSeedAndTheReproduction(RolloutState step)
    {
        var plan = MeshPlans.Rehearsal();

        var result = await new MeshScenarioCheck(step).EvaluateAsync(MeshPlans.Context(plan));

        Assert.True(result.Kind == CheckResultKind.Passed, result.Detail);
        var seed = SimulationSeed.For(plan.Sha256Hex);
        Assert.Contains($"seed {seed} (from the plan's hash: no deployment)", result.Detail, StringComparison.Ordinal);
        Assert.Contains($"reproduce: rollout mesh simulate --scenario {MeshSteps.For(step).Scenario} --peers 60 --relays 5 --bootstraps 3 --seed {seed} --heartbeat-ms 1000", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeerExchange_WithAHeartbeatTooSlowForTheBudget_FailsWithPX1()
    {
        var plan = MeshPlans.Rehearsal(("  heartbeat: 1s\n", "  heartbeat: 5s\n"));

        var result = await Evaluate(RolloutState.PeerExchange, plan);

        AssertFailedWith(result, RolloutState.PeerExchange, "PX-1");
        Assert.Equal("raise the heartbeat frequency", result.Cause!.Resolution);
        Assert.Contains("against the budget 3 x 1000 ms = 3000 ms", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeerExchange_OverABudgetOfOneHeartbeat_WithNoCauseDiagnosed_HoldsForTheOperator_NeverPasses()
    {
        // Healthy peers stay about 1.1 s: over a one-heartbeat budget, yet neither their GRAFT nor the PRUNE waited a
        // whole heartbeat, so none of PX-1..3 fits and the catalog has no generic PX cause.
        var plan = MeshPlans.Rehearsal(("    max_heartbeats_before_prune: 3\n", "    max_heartbeats_before_prune: 1\n"));

        var result = await Evaluate(RolloutState.PeerExchange, plan);

        Assert.Equal(CheckResultKind.NotAvailable, result.Kind);
        Assert.StartsWith("PeerExchange: the simulation failed the criterion but diagnosed none of the step's causes", result.Detail, StringComparison.Ordinal);
        Assert.Contains("against the budget 1 x 1000 ms = 1000 ms", result.Detail, StringComparison.Ordinal);
        Assert.Contains("--prune-budget 1", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionManagement_WithAHighWatermarkTooLowForTheVolume_FailsWithCM1()
    {
        var plan = MeshPlans.Rehearsal(("  watermark_low: 160\n  watermark_high: 192\n", "  watermark_low: 8\n  watermark_high: 10\n"));

        var result = await Evaluate(RolloutState.ConnectionManagement, plan);

        AssertFailedWith(result, RolloutState.ConnectionManagement, "CM-1");
        Assert.Equal("raise the high watermark as far as is safe", result.Cause!.Resolution);
        Assert.Equal("mesh.watermark_high", result.Cause.PlanSetting);
        Assert.Contains("against 0 allowed (high watermark 10", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionManagement_ComparesBreachesWithThePlansAllowance_ItselfAndSaysSo()
    {
        var plan = MeshPlans.Rehearsal(
            ("  watermark_low: 160\n  watermark_high: 192\n", "  watermark_low: 8\n  watermark_high: 10\n"),
            ("    max_high_watermark_breaches: 0\n", "    max_high_watermark_breaches: 1000000\n"));

        var result = await Evaluate(RolloutState.ConnectionManagement, plan);

        Assert.True(result.Kind == CheckResultKind.Passed, result.Detail);
        Assert.Contains("against 1000000 allowed", result.Detail, StringComparison.Ordinal);
        Assert.Contains("the simulator's strict criterion \"the bootstraps' high watermark is never breached\" failed; the plan's threshold allows it", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionManagement_WithTheLibp2pTrimOrderLeavingDeadConnections_FailsWithCM2_WhereTheSeedsOrderPasses()
    {
        // Short grace and silence periods make pruned peers' idle connections dead within the run; a bootstrap that
        // does not sweep them fills up with them.
        (string, string) small = ("  watermark_low: 160\n  watermark_high: 192\n  grace_period: 1m\n  silence_period: 10s\n",
            "  watermark_low: 16\n  watermark_high: 20\n  grace_period: 5s\n  silence_period: 2s\n");
        var libp2p = MeshPlans.Rehearsal(small, ("  trim_order: streams-desc-zero-first", "  trim_order: libp2p-default"));

        var failed = await Evaluate(RolloutState.ConnectionManagement, libp2p);
        var resolved = await Evaluate(RolloutState.ConnectionManagement, MeshPlans.Rehearsal(small));

        AssertFailedWith(failed, RolloutState.ConnectionManagement, "CM-2");
        Assert.Equal("trim by stream count high to low, with zero-stream connections first of all", failed.Cause!.Resolution);
        Assert.Equal("mesh.trim_order", failed.Cause.PlanSetting);
        Assert.Contains("connections were dead (no streams, silent, past grace)", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("--trim-order libp2p --grace-ms 5000 --silence-ms 2000", failed.Detail, StringComparison.Ordinal);
        Assert.True(resolved.Kind == CheckResultKind.Passed, resolved.Detail);
    }

    [Fact]
    public async Task RoutingSuccess_WithAMeshTooSparse_FailsWithRS1_WhereTheDefaultDensityPasses()
    {
        (string, string) slow = ("  heartbeat: 1s\n", "  heartbeat: 5s\n");
        var sparse = MeshPlans.Rehearsal(slow, ("  d: 6\n  dlo: 5\n  dhi: 12\n  dscore: 4\n  dout: 2\n", "  d: 1\n  dlo: 1\n  dhi: 1\n  dscore: 1\n  dout: 0\n"));

        var failed = await Evaluate(RolloutState.RoutingSuccess, sparse);
        var dense = await Evaluate(RolloutState.RoutingSuccess, MeshPlans.Rehearsal(slow));

        AssertFailedWith(failed, RolloutState.RoutingSuccess, "RS-1");
        Assert.Equal("raise the default density targets (D, Dlo, Dhi)", failed.Cause!.Resolution);
        Assert.Contains("is below 5", failed.Detail, StringComparison.Ordinal);
        Assert.True(dense.Kind == CheckResultKind.Passed, dense.Detail);
    }

    [Fact]
    public async Task MeshStable_WithPeersThrashingTheMesh_FailsWithMS2()
    {
        var plan = MeshPlans.WithFaults("    thrashing_peers: 3\n");

        var result = await Evaluate(RolloutState.MeshStable, plan);

        AssertFailedWith(result, RolloutState.MeshStable, "MS-2");
        Assert.Equal("raise the decay threshold for peer misbehaviour", result.Cause!.Resolution);
        Assert.Contains("--thrashing 3", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeshStable_WithCrashingPeers_FailsWithMS1()
    {
        var result = await Evaluate(RolloutState.MeshStable, MeshPlans.WithFaults("    crashing_peers: 20\n"));

        AssertFailedWith(result, RolloutState.MeshStable, "MS-1");
        Assert.Equal("identify the crash and resolve it", result.Cause!.Resolution);
    }

    [Fact]
    public async Task ProverEnrollment_WithProversMissingSlotUpdates_FailsWithPE1()
    {
        var result = await Evaluate(RolloutState.ProverEnrollment, MeshPlans.WithFaults("    stale_provers: 5\n"));

        AssertFailedWith(result, RolloutState.ProverEnrollment, "PE-1");
        Assert.StartsWith("invoke the alert and open the war room", result.Cause!.Resolution, StringComparison.Ordinal);
        Assert.Contains("--stale-provers 5 --subshard-threshold 32", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MeshStepsInOrder))]
    public async Task OnMainnet_EveryMeshStepIsNotAvailable_NamingTheScrapedMetricsItNeeds(RolloutState step)
    {
        var check = new MeshScenarioCheck(step);
        var context = MeshPlans.Context(MeshPlans.Mainnet);

        var result = await check.EvaluateAsync(context);

        Assert.Equal(CheckResultKind.NotAvailable, result.Kind);
        Assert.Contains("metrics scraped from the real bootstraps", result.Detail, StringComparison.Ordinal);
        Assert.Contains("metrics scraped from the real bootstraps", check.Describe(context), StringComparison.Ordinal);
        Assert.DoesNotContain("simulated", check.Describe(context), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSamePlanAndDeployment_GiveTheSameDetail_AndAnotherDeploymentAnotherSeed()
    {
        var plan = MeshPlans.Rehearsal();
        var check = new MeshScenarioCheck(RolloutState.PeerExchange);
        var (first, a) = MeshPlans.Deployment(plan, _home.Combine("a"), "rehearsal-1");
        var (again, b) = MeshPlans.Deployment(plan, _home.Combine("b"), "rehearsal-1");
        var (other, c) = MeshPlans.Deployment(plan, _home.Combine("c"), "rehearsal-2");
        using (a)
        using (b)
        using (c)
        {
            var one = await check.EvaluateAsync(first);
            var two = await check.EvaluateAsync(again);
            var three = await check.EvaluateAsync(other);

            Assert.Equal(one, two);
            Assert.Contains($"seed {SimulationSeed.For("rehearsal-1")} (from deployment rehearsal-1)", one.Detail, StringComparison.Ordinal);
            Assert.Contains($"seed {SimulationSeed.For("rehearsal-2")} (from deployment rehearsal-2)", three.Detail, StringComparison.Ordinal);
            Assert.NotEqual(SimulationSeed.For("rehearsal-1"), SimulationSeed.For("rehearsal-2"));
        }
    }

    [Fact]
    public async Task UpperLimits_WhenTenTimesThePeersNeedAWatermarkAboveTheSafeOne_FailsWithAnUpperLimitsCause()
    {
        var plan = MeshPlans.Rehearsal(("  upper_limits:\n    peer_multiple: 10\n", "  upper_limits:\n    peer_multiple: 10\n    max_safe_watermark: 200\n"));

        var failed = await Evaluate(RolloutState.UpperLimits, plan);
        var passed = await Evaluate(RolloutState.UpperLimits, MeshPlans.Rehearsal());

        Assert.True(failed.Kind == CheckResultKind.Failed, failed.Detail);
        Assert.StartsWith("UL-", failed.Cause!.Code, StringComparison.Ordinal);
        Assert.Equal("add more bootstraps", failed.Cause.Resolution);
        Assert.Contains("--max-safe-watermark 200", failed.Detail, StringComparison.Ordinal);
        Assert.True(passed.Kind == CheckResultKind.Passed, passed.Detail);
    }

    [Theory]
    [InlineData("PX-1")] // a slow heartbeat
    [InlineData("CM-2")] // go-libp2p's trim order with short grace and silence periods: options only the journaled line sets
    public async Task TheJournaledReproduction_RunThroughMeshSimulate_GivesTheSameTraceAndCause(string cause)
    {
        var result = cause == "PX-1"
            ? await Evaluate(RolloutState.PeerExchange, MeshPlans.Rehearsal(("  heartbeat: 1s\n", "  heartbeat: 5s\n")))
            : await Evaluate(RolloutState.ConnectionManagement, MeshPlans.Rehearsal(
                ("  watermark_low: 160\n  watermark_high: 192\n  grace_period: 1m\n  silence_period: 10s\n", "  watermark_low: 16\n  watermark_high: 20\n  grace_period: 5s\n  silence_period: 2s\n"),
                ("  trim_order: streams-desc-zero-first", "  trim_order: libp2p-default")));
        var command = Regex.Match(result.Detail, "reproduce: rollout (.*)$").Groups[1].Value;
        var trace = Regex.Match(result.Detail, "trace ([0-9a-f]{16})").Groups[1].Value;
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLine.RunAsync(command.Split(' '), output, error);

        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Contains($"trace {trace}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"cause {cause}:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_KeepsTheCriterionAndNamesTheSimulatedPopulationAndSeed()
    {
        var plan = MeshPlans.Rehearsal();
        var check = new MeshScenarioCheck(RolloutState.RoutingSuccess);
        var (context, journal) = MeshPlans.Deployment(plan, _home.Path, "d1");
        using (journal)
        {
            Assert.Equal(
                $"60 light peers and 5 relays; after the mesh stabilises every peer's message reaches every peer (lost allowed: 0); simulated: 60 peers, 5 relays, 3 bootstraps, seed {SimulationSeed.For("d1")}",
                check.Describe(context));
        }
        Assert.EndsWith("simulated: 60 peers, 5 relays, 3 bootstraps, seed derived from the deployment id", check.Describe(MeshPlans.Context(plan)), StringComparison.Ordinal);
        Assert.Contains("simulated: 60 provers, subshard threshold 32", new MeshScenarioCheck(RolloutState.ProverEnrollment).Describe(MeshPlans.Context(plan)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_GoesToTheProgressWriter_NotIntoTheResult()
    {
        using var progress = new StringWriter();

        var result = await Evaluate(RolloutState.PeerExchange, MeshPlans.Rehearsal(), progress);

        Assert.StartsWith("PeerExchange: simulating peer-exchange: 60 peers, 5 relays, 3 bootstraps, seed ", progress.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("simulating", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlanTheSimulatorCannotRun_IsNotAvailable_NeverPassed()
    {
        // D = Dlo = Dhi = 0 is a valid plan (the bootstrap build) but gives light peers no mesh to simulate.
        var plan = MeshPlans.Rehearsal(("  d: 6\n  dlo: 5\n  dhi: 12\n  dscore: 4\n  dout: 2\n", "  d: 0\n  dlo: 0\n  dhi: 0\n  dscore: 0\n  dout: 0\n"));

        var result = await Evaluate(RolloutState.RoutingSuccess, plan);

        Assert.Equal(CheckResultKind.NotAvailable, result.Kind);
        Assert.Contains("the plan's settings cannot be simulated", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultChecks_WireTheSimulatedCheckToEveryMeshStep()
    {
        var defaults = StageChecks.Default();

        Assert.All(MeshSteps.All, m => Assert.IsType<MeshScenarioCheck>(Assert.Single(defaults, c => c.Step == m.Step)));
        Assert.Equal(
            [RolloutState.PeerExchange, RolloutState.ConnectionManagement, RolloutState.RoutingSuccess, RolloutState.UpperLimits, RolloutState.MeshStable, RolloutState.ProverEnrollment],
            MeshSteps.All.Select(m => m.Step));
    }
}

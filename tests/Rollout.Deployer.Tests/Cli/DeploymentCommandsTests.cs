using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rollout.Deployer.Cli;
using Rollout.Deployer.Journal;
using Rollout.Deployer.MeshChecks;
using Rollout.Deployer.Rollout;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Cli;

public sealed class DeploymentCommandsTests : IDisposable
{
    private static readonly string Rehearsal = RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml");
    private static readonly string Mainnet = RepoPaths.Combine("ops", "samples", "plans", "mainnet.example.yaml");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Home => _dir.Combine("home");

    /// <summary>
    /// The rehearsal plan simulating 10 light peers instead of 60, for tests that only need a deployment held
    /// after stage 1: its simulated checks take milliseconds.
    /// </summary>
    private string Small
    {
        get
        {
            var path = _dir.Combine("small.yaml");
            if (File.Exists(path)) return path;
            var text = File.ReadAllText(Rehearsal);
            Assert.Contains("    light_peers: 60 ", text, StringComparison.Ordinal);
            return _dir.Write("small.yaml", text.Replace("    light_peers: 60 ", "    light_peers: 10 ", StringComparison.Ordinal));
        }
    }

    private static async Task<(int Code, string Out, string Err)> Rollout(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task PlanValidate_SummarisesAValidPlan()
    {
        var (code, output, _) = await Rollout("plan", "validate", "--plan", Rehearsal);

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("rehearsal.yaml: valid rehearsal plan, sha256 ", output, StringComparison.Ordinal);
        Assert.Contains("5 signatories, release quorum 3, unlock quorum 1 (reference rules)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanValidate_ListsEveryProblemInLineOrder_AndExitsTwo()
    {
        var bad = _dir.Write("bad.yaml", File.ReadAllText(Rehearsal).Replace("  dlo: 5", "  dlo: 9", StringComparison.Ordinal)
            .Replace("heartbeat: 1s", "heartbeat: fast", StringComparison.Ordinal));

        var (code, output, error) = await Rollout("plan", "validate", "--plan", bad);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("error: bad.yaml: 2 problem(s)", lines[0]);
        Assert.StartsWith("bad.yaml:23:8 mesh.dlo: dlo 9 is above d 6", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("bad.yaml:28:14 mesh.heartbeat:", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADryRun_DescribesEveryStep_AndWritesNothing()
    {
        var (code, output, _) = await Rollout("run", "--plan", Rehearsal, "--dry-run", "--home", Home);

        Assert.Equal(ExitCodes.Success, code);
        Assert.All(RolloutSteps.All, step => Assert.Contains($"  {step}: ", output, StringComparison.Ordinal));
        Assert.Contains("on failure PX-1: bootstraps cannot keep up with the volume: the heartbeat is not frequent enough -> raise the heartbeat frequency", output, StringComparison.Ordinal);
        Assert.Contains("(lost allowed: 0); simulated: 60 peers, 5 relays, 3 bootstraps, seed derived from the deployment id\n    check: MeshScenarioCheck", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Home));
    }

    [Fact]
    public async Task ARehearsalRun_PassesStage1OnTheSimulator_HoldsAtReleaseSigned_AndStatusSaysWhatToDecide()
    {
        var (code, output, _) = await Rollout("run", "--plan", Rehearsal, "--deployment", "r1", "--home", Home);

        Assert.Equal(ExitCodes.Held, code);
        Assert.StartsWith("deployment: r1", output, StringComparison.Ordinal);
        Assert.Contains("PeerExchange: passed: longest stay on a bootstrap ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("simulating", output, StringComparison.Ordinal);
        var (statusCode, json, _) = await Rollout("status", "--deployment", "r1", "--json", "--home", Home);
        Assert.Equal(ExitCodes.Success, statusCode);
        using var status = JsonDocument.Parse(json);
        Assert.Equal("Held", status.RootElement.GetProperty("State").GetString());
        var steps = status.RootElement.GetProperty("Steps");
        Assert.Equal(
            ["PeerExchange passed", "ConnectionManagement passed", "RoutingSuccess passed", "UpperLimits passed", "ReleaseSigned not-available"],
            Enumerable.Range(0, 5).Select(i => $"{steps[i].GetProperty("Step").GetString()} {steps[i].GetProperty("Result").GetString()}"));
        Assert.Contains($"seed {SimulationSeed.For("r1")} (from deployment r1)", steps[0].GetProperty("Detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(12, status.RootElement.GetProperty("Pending").GetArrayLength());
        Assert.StartsWith("Held at ReleaseSigned", status.RootElement.GetProperty("OperatorMustDecide").GetString(), StringComparison.Ordinal);

        var (_, table, _) = await Rollout("status", "--deployment", "r1", "--home", Home);
        Assert.Contains("| 1     | PeerExchange         | passed ", table, StringComparison.Ordinal);
        Assert.Contains("| 1     | UpperLimits          | passed ", table, StringComparison.Ordinal);
        Assert.Contains("operator must decide: Held at ReleaseSigned", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunWithAnIdInUse_IsRefused()
    {
        await Rollout("run", "--plan", Small, "--deployment", "r1", "--home", Home);

        var (code, _, error) = await Rollout("run", "--plan", Small, "--deployment", "r1", "--home", Home);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHomeThatIsAFile_ExitsTwoNamingThePath()
    {
        var home = _dir.Write("home", "not a folder");

        var (code, _, error) = await Rollout("run", "--plan", Small, "--deployment", "r1", "--home", home);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(home, error, StringComparison.Ordinal);
        Assert.Equal("not a folder", File.ReadAllText(home));
    }

    [Fact]
    public async Task AnAttestWithoutANote_ChangesNothing()
    {
        await Rollout("run", "--plan", Small, "--deployment", "r1", "--home", Home);
        var before = JournalEvents("r1");

        var (code, _, error) = await Rollout("resume", "--deployment", "r1", "--attest", "--home", Home);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--attest needs --note", error, StringComparison.Ordinal);
        Assert.Equal(before, JournalEvents("r1"));
    }

    [Fact]
    public async Task DecisionsThatCannotApply_AreRefusedBeforeAnythingIsJournaled()
    {
        await Rollout("run", "--plan", Small, "--deployment", "r1", "--home", Home);
        Assert.Equal(ExitCodes.CheckFailed, (await Rollout("resume", "--deployment", "r1", "--abort", "--note", "wrong release", "--home", Home)).Code);
        var before = JournalEvents("r1");
        var changed = _dir.Write("changed.yaml", File.ReadAllText(Small).Replace("heartbeat: 1s", "heartbeat: 700ms", StringComparison.Ordinal));

        var (abortAgain, _, abortError) = await Rollout("resume", "--deployment", "r1", "--abort", "--note", "again", "--home", Home);
        var (attest, _, attestError) = await Rollout("resume", "--deployment", "r1", "--plan", changed, "--attest", "--note", "checked by hand", "--home", Home);

        Assert.Equal(ExitCodes.BadInput, abortAgain);
        Assert.Contains("--abort: the rollout is already Aborted", abortError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, attest);
        Assert.Contains("--attest: only a held step can be attested; the rollout is Aborted", attestError, StringComparison.Ordinal);
        Assert.Equal(before, JournalEvents("r1"));
    }

    [Fact]
    public async Task ResumingWithAChangedPlan_JournalsTheNewVersionAndItsHash()
    {
        await Rollout("run", "--plan", Small, "--deployment", "r1", "--home", Home);
        var changed = _dir.Write("changed.yaml", File.ReadAllText(Small).Replace("heartbeat: 1s", "heartbeat: 700ms", StringComparison.Ordinal));

        var (code, output, _) = await Rollout("resume", "--deployment", "r1", "--plan", changed, "--home", Home);

        Assert.Equal(ExitCodes.Held, code);
        Assert.Contains("plan: adopted version 2", output, StringComparison.Ordinal);
        using var journal = DeploymentJournal.Open(Home, "r1", TimeProvider.System);
        Assert.Equal(2, journal.PlanVersions().Count);
        Assert.Contains("heartbeat: 700ms", journal.PlanVersions()[1].Content, StringComparison.Ordinal);
        Assert.Equal("plan-change", journal.Decisions()[0].Action);
    }

    [Fact]
    public async Task ADeploymentCannotSwitchNetworks()
    {
        await Rollout("run", "--plan", Small, "--deployment", "r1", "--home", Home);

        var (code, _, error) = await Rollout("resume", "--deployment", "r1", "--plan", Mainnet, "--home", Home);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("cannot move from Rehearsal to Mainnet", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusOfATamperedJournal_IsRefused_NamingTheEvent()
    {
        await Rollout("run", "--plan", Small, "--deployment", "r1", "--home", Home);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(Home, "r1", "journal.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER events_no_update; UPDATE events SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 3";
            command.ExecuteNonQuery();
        }

        var (code, _, error) = await Rollout("status", "--deployment", "r1", "--home", Home);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("event #3 (step-intent, 2020-01-01T00:00:00.000Z) does not match its hash", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mermaid", "stateDiagram-v2", "state Release {")]
    [InlineData("dot", "digraph \"rollout\" {", "subgraph \"cluster_Release\" {")]
    public async Task Graph_DrawsEveryStateOfTheRealMachine(string format, string opening, string stage)
    {
        var (code, output, _) = await Rollout("graph", "--format", format);

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith(opening, output, StringComparison.Ordinal);
        Assert.Contains(stage, output, StringComparison.Ordinal);
        Assert.All(Enum.GetNames<RolloutState>(), name => Assert.Contains(name, output, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mermaid", "    class Held current")]
    [InlineData("dot", "    \"Held\" [style=\"rounded,filled\", fillcolor=\"#ffcc80\"];")]
    public async Task Graph_MarksADeploymentsCurrentState(string format, string mark)
    {
        await Rollout("run", "--plan", Small, "--deployment", "r1", "--home", Home);

        var (code, output, _) = await Rollout("graph", "--format", format, "--deployment", "r1", "--home", Home);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains(mark, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ShowsAStepLeftOpenByAKilledProcess_AndThatResumeReconcilesIt()
    {
        await Rollout("run", "--plan", Small, "--deployment", "r1", "--home", Home);
        using (var journal = DeploymentJournal.Open(Home, "r1", TimeProvider.System))
        {
            journal.AppendStepIntent("Held", "Retry", "ReleaseSigned", "\"ReleaseSigned\"");
        }

        var (code, output, _) = await Rollout("status", "--deployment", "r1", "--home", Home);

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("deployment r1: Held (interrupted inside ReleaseSigned)", output, StringComparison.Ordinal);
        Assert.Contains("operator must decide: ReleaseSigned was interrupted; `rollout resume --deployment r1` reconciles it.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_RefusesAnUnknownFormat()
    {
        var (code, _, _) = await Rollout("graph", "--format", "svg");

        Assert.Equal(ExitCodes.BadInput, code);
    }

    private List<string> JournalEvents(string id)
    {
        using var journal = DeploymentJournal.Open(Home, id, TimeProvider.System);
        return journal.Events().Select(e => e.Hash).ToList();
    }
}

using System.Text;
using Rollout.Deployer.Plans;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Plans;

public sealed class PlanReaderTests
{
    private static string Sample(string name) => RepoPaths.Combine("ops", "samples", "plans", name);

    private static PlanValidation ValidateText(string yaml, string name = "plan.yaml") =>
        PlanReader.Validate(Encoding.UTF8.GetBytes(yaml), name);

    /// <summary>The rehearsal sample with one line replaced, so each test changes only what it is about.</summary>
    private static string RehearsalWith(string find, string replace)
    {
        var text = File.ReadAllText(Sample("rehearsal.yaml"));
        Assert.Contains(find, text, StringComparison.Ordinal);
        return text.Replace(find, replace, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRehearsalSample_IsValid_WithReferenceQuorumsForFiveSignatories()
    {
        var plan = PlanReader.Read(Sample("rehearsal.yaml"));

        Assert.Equal(NetworkProfile.Rehearsal, plan.Network);
        Assert.Equal(5, plan.Signatories.Count);
        Assert.Equal(new QuorumRules(3, 1, false), plan.Quorum);
        Assert.Equal(3, plan.BootstrapPeers.Count);
        Assert.Equal("QmQaFmbYVrKSwoen5UQdaqyDq4QhXfSSLDVnYpYD4SF9tX", plan.BootstrapPeers[0].PeerId);
        Assert.Equal(TimeSpan.FromSeconds(1), plan.Mesh.Heartbeat);
        Assert.Equal(60, plan.Checks.RoutingLightPeers);
        Assert.True(plan.Testnet.FaultInjection);
        Assert.Equal(64, plan.Sha256Hex.Length);
    }

    [Fact]
    public void TheMainnetExample_IsValid_WithSeventeenSlotsAndOneRetired()
    {
        var plan = PlanReader.Read(Sample("mainnet.example.yaml"));

        Assert.Equal(NetworkProfile.Mainnet, plan.Network);
        Assert.Equal(17, plan.Signatories.Count);
        Assert.Equal(new string('0', 114), plan.Signatories[3]);
        Assert.Equal(9, plan.Quorum.Release);
        Assert.Equal(7, plan.Quorum.Unlock);
        Assert.Equal(1UL, plan.Ethereum.ChainId);
        Assert.Equal(12, plan.Ethereum.Confirmations);
    }

    [Fact]
    public void AnInvalidPlan_ReportsEveryProblemAtOnce_WithPathsAndLines()
    {
        var text = RehearsalWith("  dlo: 5\n", "  dlo: 9\n  dhigh: 3\n");
        var lines = text.Split('\n').ToList();
        var fourthKey = lines.FindIndex(l => l.StartsWith("signatories:", StringComparison.Ordinal)) + 4;
        lines[fourthKey] = "  - abcd";
        var validation = ValidateText(string.Join('\n', lines).Replace("heartbeat: 1s", "heartbeat: fast", StringComparison.Ordinal));

        Assert.False(validation.IsValid);
        var byPath = validation.Problems.ToDictionary(p => p.Path);
        Assert.Equal(fourthKey + 1, byPath["signatories[3]"].Line);
        Assert.StartsWith("not a 57-byte Ed448 key", byPath["signatories[3]"].Message, StringComparison.Ordinal);
        Assert.Contains("dlo 9 is above d 6", byPath["mesh.dlo"].Message, StringComparison.Ordinal);
        Assert.Equal("unknown setting", byPath["mesh.dhigh"].Message);
        Assert.Contains("\"fast\" is not a positive duration", byPath["mesh.heartbeat"].Message, StringComparison.Ordinal);
        Assert.Contains("plan.yaml:" + (fourthKey + 1) + ":5 signatories[3]: not a 57-byte Ed448 key", validation.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingSectionAndABadMultiaddr_AreBothReported()
    {
        var text = RehearsalWith("/ip4/127.0.0.1/tcp/18338/p2p/", "/ip4/127.0.0.999/tcp/18338/p2p/");
        text = text.Replace("beacon:", "beacon_key:", StringComparison.Ordinal);

        var problems = ValidateText(text).Problems.Select(p => p.Path + ": " + p.Message).ToList();

        Assert.Contains("beacon: missing (required)", problems);
        Assert.Contains(problems, p => p.StartsWith("bootstrap_peers[2]:", StringComparison.Ordinal) && p.Contains("not an IPv4 address", StringComparison.Ordinal));
        Assert.Contains("beacon_key: unknown setting", problems);
    }

    [Fact]
    public void ASyntaxError_IsReportedWithItsLine()
    {
        var validation = ValidateText("network: rehearsal\nbeacon: x\n- y\n");

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("(syntax)", problem.Path);
        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void AnUnterminatedCollection_IsASyntaxProblemNotACrash()
    {
        var problem = Assert.Single(ValidateText("network: rehearsal\nsignatories: [a, b\nbeacon: x\n").Problems);

        Assert.Equal("(syntax)", problem.Path);
    }

    [Fact]
    public void AMainnetPlan_RefusesEveryTestnetOnlySetting()
    {
        var text = File.ReadAllText(Sample("mainnet.example.yaml"))
            .Replace("https://ethereum-rpc.example.org", "http://127.0.0.1:8545", StringComparison.Ordinal)
            .Replace("chain_id: 1\n", "chain_id: 31337\n", StringComparison.Ordinal)
            .Replace("  unlock: 7", "  unlock: 5", StringComparison.Ordinal)
            .Replace("light_peers: 100000", "light_peers: 2000", StringComparison.Ordinal)
            + "testnet:\n  fault_injection: true\n  simulated_faults:\n    thrashing_peers: 3\n";

        var refused = ValidateText(text, "mainnet.yaml").Problems.Where(p => p.Message.StartsWith("mainnet refuses", StringComparison.Ordinal))
            .Select(p => p.Path).ToHashSet();

        Assert.Equal(
            new HashSet<string> { "ethereum.rpc_url", "ethereum.chain_id", "quorum.unlock", "checks.routing_success.light_peers", "testnet.fault_injection", "testnet.simulated_faults" },
            refused);
    }

    [Theory]
    [InlineData("ws://127.0.0.1:8545")]
    [InlineData("wss://ethereum-rpc.example.org")]
    [InlineData("ftp://127.0.0.1:8545")]
    public void AnRpcUrlTheClientCannotSpeak_IsRefused(string url)
    {
        var text = File.ReadAllText(Sample("rehearsal.yaml")).Replace("rpc_url: http://127.0.0.1:8545", "rpc_url: " + url, StringComparison.Ordinal);

        var problem = Assert.Single(ValidateText(text).Problems, p => p.Path == "ethereum.rpc_url");

        Assert.Contains("is not an http(s) URL", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMainnetPlan_NeedsTheExistingTokenAndTheSafe()
    {
        var text = File.ReadAllText(Sample("mainnet.example.yaml"))
            .Replace("  contracts:\n    wquil: 0x8143182a775c54578c8b7b3ef77982498866945d\n", "", StringComparison.Ordinal)
            .Replace("  safe: 0x00000000000000000000000000000000000000aa   # EXAMPLE\n", "", StringComparison.Ordinal);

        var problems = ValidateText(text, "mainnet.yaml").Problems.Select(p => p.Path + ": " + p.Message).ToList();

        Assert.Equal(
            ["ethereum.contracts.wquil: mainnet refuses a plan without the existing wQUIL address", "ethereum.safe: mainnet refuses a plan without the Safe that unpauses"],
            problems.Order());
    }

    [Fact]
    public void TheSameSettingsOnARehearsalPlan_AreAccepted()
    {
        var text = RehearsalWith("network: rehearsal", "network: rehearsal\nquorum:\n  release: 2");

        var validation = ValidateText(text);

        Assert.True(validation.IsValid, validation.Describe());
        Assert.Equal(new QuorumRules(2, 1, true), validation.Plan!.Quorum);
    }

    [Fact]
    public void SimulatedFaults_AreReadUnderTestnet_AndNoneByDefault()
    {
        var plan = ValidateText(RehearsalWith("testnet:\n  fault_injection: true\n",
            "testnet:\n  fault_injection: true\n  simulated_faults:\n    crashing_peers: 2\n    thrashing_peers: 3\n    stale_provers: 5\n")).PlanOrThrow();

        Assert.Equal(new SimulatedFaults(2, 3, 5), plan.Testnet.SimulatedFaults);
        Assert.Equal(SimulatedFaults.None, PlanReader.Read(Sample("rehearsal.yaml")).Testnet.SimulatedFaults);
    }

    [Fact]
    public void AnUnknownOrNegativeSimulatedFault_IsReportedWithItsPath()
    {
        var validation = ValidateText(RehearsalWith("testnet:\n  fault_injection: true\n",
            "testnet:\n  fault_injection: true\n  simulated_faults:\n    crashing_peers: -1\n    lagging_peers: 3\n"));

        Assert.Equal(["testnet.simulated_faults.crashing_peers", "testnet.simulated_faults.lagging_peers"], validation.Problems.Select(p => p.Path));
    }

    [Fact]
    public void DuplicateSignatoriesAndPeers_AreRefused()
    {
        var text = File.ReadAllText(Sample("rehearsal.yaml"));
        var lines = text.Split('\n').ToList();
        var first = lines.FindIndex(l => l.StartsWith("signatories:", StringComparison.Ordinal)) + 1;
        lines[first + 1] = lines[first];
        var validation = ValidateText(string.Join('\n', lines));

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("signatories[1]", problem.Path);
        Assert.Equal("the same key as signatories[0]", problem.Message);
    }
}

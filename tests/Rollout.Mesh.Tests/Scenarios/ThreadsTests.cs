using Rollout.Mesh.Scenarios;

namespace Rollout.Mesh.Tests.Scenarios;

/// <summary>The thread count is a speed setting only: every scenario reports the same on one thread as on several.</summary>
public sealed class ThreadsTests
{
    private static readonly Dictionary<string, (string Scenario, ScenarioSettings Settings)> Cases = new()
    {
        ["routing"] = (RoutingScenario.Name, new ScenarioSettings { Peers = 400, Bootstraps = 2, Messages = 10 }),
        // Lossy links: each sender's loss and jitter stream must be its own.
        ["routing, lossy"] = (RoutingScenario.Name, new ScenarioSettings { Peers = 300, Bootstraps = 2, Messages = 10, Loss = 0.05, PublishLoss = 0.2 }),
        ["peer exchange"] = (PeerExchangeScenario.Name, new ScenarioSettings { Peers = 400, Bootstraps = 2 }),
        // Refusals at the watermark: the first breach is found across the bootstraps' threads.
        ["connection management, refusing"] = (ConnectionManagementScenario.Name, new ScenarioSettings { Peers = 300, Relays = 2, Bootstraps = 2, BootstrapLowWater = 60, BootstrapHighWater = 80 }),
        // Crashes (closures reach the other ends on their own lanes) and thrashing peers (unsubscribes counted per thread).
        ["mesh stability, crashing and thrashing"] = (MeshStabilityScenario.Name, new ScenarioSettings { Peers = 300, Bootstraps = 2, CrashingPeers = 10, ThrashingPeers = 3 }),
        ["prover enrollment, stale provers"] = (ProverEnrollmentScenario.Name, new ScenarioSettings { Peers = 120, Bootstraps = 2, Provers = 40, StaleProvers = 2, SubshardThreshold = 8 }),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Two_and_three_threads_give_the_report_of_one(string name)
    {
        var (scenario, settings) = Cases[name];
        var one = MeshScenarios.Run(scenario, settings).ToJson();
        Assert.Equal(one, MeshScenarios.Run(scenario, settings with { Threads = 2 }).ToJson());
        Assert.Equal(one, MeshScenarios.Run(scenario, settings with { Threads = 3 }).ToJson());
    }

    [Fact]
    public void A_thread_count_out_of_range_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<InvalidDataException>(() => RoutingScenario.Run(new ScenarioSettings { Threads = 0 }));
        Assert.Contains("threads", error.Message, StringComparison.Ordinal);
    }
}

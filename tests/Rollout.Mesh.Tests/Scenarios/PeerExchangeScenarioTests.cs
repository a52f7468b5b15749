using Rollout.Mesh.Scenarios;
using Xunit.Abstractions;

namespace Rollout.Mesh.Tests.Scenarios;

public sealed class PeerExchangeScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public void The_default_configuration_prunes_every_peer_with_px_within_three_heartbeats()
    {
        var report = PeerExchangeScenario.Run(new ScenarioSettings { Peers = 600, Bootstraps = 2 });
        output.WriteLine(report.ToJson());
        Assert.True(report.Passed);
        Assert.Empty(report.Diagnoses);
        Assert.Equal(600, report.Figures["pruned_with_px"]);
    }
}

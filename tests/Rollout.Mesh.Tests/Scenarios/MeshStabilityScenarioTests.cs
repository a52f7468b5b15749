using Rollout.Mesh.Scenarios;
using Xunit.Abstractions;

namespace Rollout.Mesh.Tests.Scenarios;

public sealed class MeshStabilityScenarioTests(ITestOutputHelper output)
{
    private static readonly ScenarioSettings Small = new() { Peers = 500, Bootstraps = 2 };

    [Fact]
    public void The_default_configuration_sees_minimal_mesh_rebuilding_once_everyone_is_online()
    {
        var report = Run(Small);
        Assert.True(report.Passed);
        Assert.Empty(report.Diagnoses);
    }

    [Fact]
    public void Crashing_peers_cause_constant_rebuilding_and_name_ms1()
    {
        var report = Run(Small with { CrashingPeers = 50, CrashPeriod = TimeSpan.FromSeconds(5) });
        Assert.False(report.Passed);
        var diagnosis = Assert.Single(report.Diagnoses);
        Assert.Equal("MS-1", diagnosis.CauseId);
        Assert.Equal("identify the crash and resolve it", diagnosis.Resolution);
    }

    [Fact]
    public void Thrashing_peers_cause_constant_rebuilding_and_name_ms2_and_the_decay_threshold()
    {
        var report = Run(Small with { ThrashingPeers = 25 });
        Assert.False(report.Passed);
        var diagnosis = Assert.Single(report.Diagnoses);
        Assert.Equal("MS-2", diagnosis.CauseId);
        Assert.Equal("raise the decay threshold for peer misbehaviour", diagnosis.Resolution);
    }

    private ScenarioReport Run(ScenarioSettings settings)
    {
        var report = MeshStabilityScenario.Run(settings);
        output.WriteLine(report.ToJson());
        return report;
    }
}

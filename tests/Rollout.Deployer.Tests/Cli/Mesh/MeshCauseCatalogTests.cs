using Rollout.Deployer.Rollout;
using Rollout.Mesh.Scenarios;

namespace Rollout.Deployer.Tests.Cli.Mesh;

public sealed class MeshCauseCatalogTests
{
    [Fact]
    public void Every_cause_a_mesh_scenario_can_name_is_in_the_deployer_catalog_with_the_same_text_and_resolution()
    {
        foreach (var (id, (cause, resolution)) in MeshCause.All)
        {
            var entry = CauseCatalog.Get(id);
            Assert.Equal(entry.Text, cause);
            Assert.Equal(entry.Resolution, resolution);
        }
    }

    [Fact]
    public void Every_stage_one_and_two_mesh_cause_of_the_catalog_can_be_named_by_a_scenario()
    {
        RolloutState[] meshChecks =
        [
            RolloutState.PeerExchange, RolloutState.ConnectionManagement, RolloutState.RoutingSuccess,
            RolloutState.UpperLimits, RolloutState.MeshStable, RolloutState.ProverEnrollment,
        ];
        var expected = CauseCatalog.All.Where(c => meshChecks.Contains(c.Check)).Select(c => c.Code).Order().ToList();
        Assert.Equal(expected, MeshCause.All.Keys.Order().ToList());
    }
}

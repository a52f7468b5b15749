using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Scenarios;

/// <summary>The scenarios by name, for the CLI and the benchmark.</summary>
public static class MeshScenarios
{
    /// <summary>Every scenario's name, in rollout order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        PeerExchangeScenario.Name,
        ConnectionManagementScenario.Name,
        RoutingScenario.Name,
        UpperLimitsScenario.Name,
        MeshStabilityScenario.Name,
        ProverEnrollmentScenario.Name,
    ];

    /// <summary>Runs the scenario called <paramref name="name"/>; throws <see cref="InvalidDataException"/> for an unknown name or bad settings.</summary>
    public static ScenarioReport Run(string name, ScenarioSettings settings, Action<SimulationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return name switch
        {
            PeerExchangeScenario.Name => PeerExchangeScenario.Run(settings, progress),
            ConnectionManagementScenario.Name => ConnectionManagementScenario.Run(settings, progress),
            RoutingScenario.Name => RoutingScenario.Run(settings, progress),
            UpperLimitsScenario.Name => UpperLimitsScenario.Run(settings, progress),
            MeshStabilityScenario.Name => MeshStabilityScenario.Run(settings, progress),
            ProverEnrollmentScenario.Name => ProverEnrollmentScenario.Run(settings, progress),
            _ => throw new InvalidDataException($"--scenario: \"{name}\" is not one of {string.Join(", ", Names)}"),
        };
    }
}

namespace Rollout.Mesh.Scenarios;

/// <summary>
/// What a scenario run found: the seed's criterion, pass or fail, the measured figures (sorted by
/// name), and on failure the diagnosed causes. Holds nothing from the wall clock, so one seed gives
/// one report, byte for byte.
/// </summary>
public sealed record ScenarioReport
{
    /// <summary>The scenario's name (peer-exchange, connection-management, ...).</summary>
    public required string Scenario { get; init; }

    /// <summary>The seed's success criterion as applied.</summary>
    public required string Criterion { get; init; }

    /// <summary>True when the criterion held.</summary>
    public required bool Passed { get; init; }

    /// <summary>Light peers, relays, bootstraps and the seed of the run.</summary>
    public required ScenarioPopulation Population { get; init; }

    /// <summary>Measured figures by name.</summary>
    public required SortedDictionary<string, double> Figures { get; init; }

    /// <summary>The causes diagnosed on failure (empty on success).</summary>
    public required IReadOnlyList<Diagnosis> Diagnoses { get; init; }

    /// <summary>Simulated events, virtual seconds and the engine's trace hash.</summary>
    public required ScenarioEngineStats Engine { get; init; }

    /// <summary>The upper-limits sweep, one row per watermark tried (empty for other scenarios).</summary>
    public IReadOnlyList<WatermarkTrial> Sweep { get; init; } = [];

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, ScenarioReportJsonContext.Default.ScenarioReport);
}

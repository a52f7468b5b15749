using System.Text.Json.Serialization;

namespace Rollout.Mesh.Scenarios;

/// <summary>Source-generated JSON for <see cref="ScenarioReport"/> (snake_case, indented).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ScenarioReport))]
public sealed partial class ScenarioReportJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Rollout.Mesh.Simulation;

/// <summary>Source-generated JSON metadata for <see cref="SimulationReport"/>, so writing one needs no reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SimulationReport))]
public sealed partial class SimulationReportJsonContext : JsonSerializerContext;

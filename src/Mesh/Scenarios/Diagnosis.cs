namespace Rollout.Mesh.Scenarios;

/// <summary>A diagnosed cause: the catalog id, its text and resolution, and the measured evidence.</summary>
public sealed record Diagnosis(string CauseId, string Cause, string Resolution, string Evidence);

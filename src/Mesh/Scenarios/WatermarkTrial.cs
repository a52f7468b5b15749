namespace Rollout.Mesh.Scenarios;

/// <summary>One watermark of the upper-limits sweep: how many peers reached a bootstrap and made it into the mesh.</summary>
public sealed record WatermarkTrial(int HighWater, int Peers, int Reached, int InMesh, long Refusals, bool Served);

namespace Rollout.Deployer.Journal;

/// <summary>A plan version the deployment adopted.</summary>
/// <param name="Version">1, 2, … in adoption order.</param>
/// <param name="Seq">Its event's seq.</param>
/// <param name="At">When.</param>
/// <param name="Sha256">SHA-256 of the file's bytes.</param>
/// <param name="Source">Where it was read from.</param>
/// <param name="Content">The file's text, so a resume uses exactly the plan the journal names.</param>
public sealed record PlanVersionRecord(int Version, long Seq, string At, string Sha256, string Source, string Content);

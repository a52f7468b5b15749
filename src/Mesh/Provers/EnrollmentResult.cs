using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Provers;

/// <summary>The outcome of one enrollment, with the shard the registry would have placed the prover in and the ring it joined.</summary>
public sealed record EnrollmentResult(PeerId Prover, EnrollmentOutcome Outcome, ShardAddress Targeted, ShardAddress Expected, int Ring);

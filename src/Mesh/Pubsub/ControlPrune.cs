using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Pubsub;

/// <summary>
/// PRUNE: the sender dropped the receiver from its mesh for <paramref name="Topic"/>. It may hand on
/// up to PrunePeers signed records of other peers in the topic (peer exchange) and asks the receiver
/// not to GRAFT again before <paramref name="Backoff"/> has passed.
/// </summary>
public sealed record ControlPrune(string Topic, IReadOnlyList<SignedPeerRecord> Peers, TimeSpan Backoff);

using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Pubsub;

/// <summary>A mesh peer as forwarding addresses it (<see cref="TopicState.MeshTargets"/>): its ID and the ID's hash.</summary>
internal readonly record struct MeshTarget(PeerId Id, int Hash);

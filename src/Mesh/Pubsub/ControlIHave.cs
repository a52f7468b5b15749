namespace Rollout.Mesh.Pubsub;

/// <summary>IHAVE: gossip of message IDs the sender holds in its message cache for a topic.</summary>
public sealed record ControlIHave(string Topic, IReadOnlyList<MessageId> MessageIds);

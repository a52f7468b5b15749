namespace Rollout.Mesh.Pubsub;

/// <summary>One RPC between two routers: subscription changes, messages and the control messages, as in GossipSub's RPC.</summary>
public sealed record PubsubRpc(
    IReadOnlyList<SubscriptionChange> Subscriptions,
    IReadOnlyList<PubsubMessage> Messages,
    IReadOnlyList<ControlIHave> IHave,
    IReadOnlyList<MessageId> IWant,
    IReadOnlyList<string> Graft,
    IReadOnlyList<ControlPrune> Prune)
{
    /// <summary>An RPC with nothing in it.</summary>
    public static PubsubRpc Empty { get; } = new([], [], [], [], [], []);

    /// <summary>
    /// Approximate protobuf size in bytes, for simulators that meter bandwidth or cap RPC size:
    /// field tags and lengths are counted as two bytes each, message IDs as 16 bytes.
    /// </summary>
    public int ApproximateSize()
    {
        var size = 0;
        foreach (var s in Subscriptions) size += 4 + s.Topic.Length;
        foreach (var m in Messages) size += 16 + m.Author.Multihash.Length + m.Topic.Length + m.Data.Length;
        foreach (var h in IHave) size += 4 + h.Topic.Length + (18 * h.MessageIds.Count);
        size += 18 * IWant.Count;
        foreach (var g in Graft) size += 4 + g.Length;
        foreach (var p in Prune)
        {
            size += 8 + p.Topic.Length;
            foreach (var record in p.Peers) size += 4 + record.PeerId.Multihash.Length + record.Encoded.Length;
        }
        return size;
    }
}

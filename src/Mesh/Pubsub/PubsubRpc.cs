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
        // Indexed loops: a foreach over an IReadOnlyList boxes an enumerator.
        var size = 0;
        for (var i = 0; i < Subscriptions.Count; i++) size += 4 + Subscriptions[i].Topic.Length;
        for (var i = 0; i < Messages.Count; i++)
        {
            var m = Messages[i];
            size += 16 + m.Author.Multihash.Length + m.Topic.Length + m.Data.Length;
        }
        for (var i = 0; i < IHave.Count; i++) size += 4 + IHave[i].Topic.Length + (18 * IHave[i].MessageIds.Count);
        size += 18 * IWant.Count;
        for (var i = 0; i < Graft.Count; i++) size += 4 + Graft[i].Length;
        for (var i = 0; i < Prune.Count; i++)
        {
            var p = Prune[i];
            size += 8 + p.Topic.Length;
            for (var k = 0; k < p.Peers.Count; k++) size += 4 + p.Peers[k].PeerId.Multihash.Length + p.Peers[k].Encoded.Length;
        }
        return size;
    }
}

using Rollout.Mesh.Identity;
using Rollout.Mesh.Transport;

namespace Rollout.Mesh.Pubsub;

/// <summary>Collects what one router step sends to each peer, then sends one RPC per peer (GossipSub piggybacks control on messages the same way).</summary>
internal sealed class Outbox
{
    private readonly Dictionary<PeerId, Pending> _pending = [];

    /// <summary>Queues a message.</summary>
    public void Message(PeerId peer, PubsubMessage message) => (Get(peer).Messages ??= []).Add(message);

    /// <summary>Queues a subscription change.</summary>
    public void Subscription(PeerId peer, SubscriptionChange change) => (Get(peer).Subscriptions ??= []).Add(change);

    /// <summary>Queues a GRAFT.</summary>
    public void Graft(PeerId peer, string topic) => (Get(peer).Graft ??= []).Add(topic);

    /// <summary>Queues a PRUNE.</summary>
    public void Prune(PeerId peer, ControlPrune prune) => (Get(peer).Prune ??= []).Add(prune);

    /// <summary>Queues an IHAVE.</summary>
    public void IHave(PeerId peer, ControlIHave ihave) => (Get(peer).IHave ??= []).Add(ihave);

    /// <summary>Queues IWANT IDs.</summary>
    public void IWant(PeerId peer, MessageId id) => (Get(peer).IWant ??= []).Add(id);

    /// <summary>Sends everything queued, one RPC per peer, and empties the outbox.</summary>
    public void Flush(IPeerNetwork<PubsubRpc> network)
    {
        if (_pending.Count == 0) return;
        // Taken out first: a transport that delivers synchronously may call back into the router.
        var batch = _pending.ToArray();
        _pending.Clear();
        foreach (var (peer, p) in batch)
        {
            network.Send(peer, new PubsubRpc(
                p.Subscriptions ?? [], p.Messages ?? [], p.IHave ?? [], p.IWant ?? [], p.Graft ?? [], p.Prune ?? []));
        }
    }

    private Pending Get(PeerId peer)
    {
        if (!_pending.TryGetValue(peer, out var pending))
        {
            pending = new Pending();
            _pending.Add(peer, pending);
        }
        return pending;
    }

    private sealed class Pending
    {
        public List<SubscriptionChange>? Subscriptions { get; set; }

        public List<PubsubMessage>? Messages { get; set; }

        public List<ControlIHave>? IHave { get; set; }

        public List<MessageId>? IWant { get; set; }

        public List<string>? Graft { get; set; }

        public List<ControlPrune>? Prune { get; set; }
    }
}

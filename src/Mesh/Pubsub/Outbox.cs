using Rollout.Mesh.Identity;
using Rollout.Mesh.Transport;
using static Rollout.Mesh.Collections.ReadOnlyLists;

namespace Rollout.Mesh.Pubsub;

/// <summary>
/// Collects what one router step sends to each peer, then sends one RPC per peer (GossipSub piggybacks
/// control on messages the same way). Forwarding dominates a router's sends and is usually one
/// message to each mesh peer with nothing else queued: such a peer costs one slot in a reused list
/// and is sent the message's shared <see cref="PubsubMessage.Alone"/> RPC, so forwarding allocates
/// nothing. A peer with more queued gets a <see cref="Pending"/> and an RPC of its own. Peers are
/// the router's own states, told apart by reference: one state per connected peer. Queuing a message
/// loads nothing of the peer's state: the caller passes its ID, which forwarding takes from the mesh's
/// <see cref="TopicState.MeshTargets"/>, and the RPC is sent to that ID.
/// </summary>
internal sealed class Outbox
{
    // Up to this many peers are found by a scan; more (a bootstrap's hello to thousands) use an index.
    private const int ScanLimit = 8;

    private List<Entry> _entries = [];
    private List<Entry>? _spare;
    private Dictionary<PeerState, int>? _index;

    /// <summary>Queues a message for <paramref name="peer"/>, whose ID the caller passes (forwarding reads it from the mesh's targets, not the peer's state).</summary>
    public void Message(PeerState peer, PeerId id, PubsubMessage message)
    {
        var at = Find(peer);
        if (at < 0)
        {
            Append(new Entry(peer, id, message, null));
            return;
        }
        (Full(at).Messages ??= []).Add(message);
    }

    /// <summary>Queues a subscription change.</summary>
    public void Subscription(PeerState peer, SubscriptionChange change) => (Get(peer).Subscriptions ??= []).Add(change);

    /// <summary>Queues a GRAFT.</summary>
    public void Graft(PeerState peer, string topic) => (Get(peer).Graft ??= []).Add(topic);

    /// <summary>Queues a PRUNE.</summary>
    public void Prune(PeerState peer, ControlPrune prune) => (Get(peer).Prune ??= []).Add(prune);

    /// <summary>Queues an IHAVE.</summary>
    public void IHave(PeerState peer, ControlIHave ihave) => (Get(peer).IHave ??= []).Add(ihave);

    /// <summary>Queues IWANT IDs.</summary>
    public void IWant(PeerState peer, MessageId id) => (Get(peer).IWant ??= []).Add(id);

    /// <summary>Sends everything queued, one RPC per peer in the order the peers were first queued, and empties the outbox.</summary>
    public void Flush(IPeerNetwork<PubsubRpc> network)
    {
        if (_entries.Count == 0) return;
        // Taken out first: a transport that delivers synchronously may call back into the router.
        var batch = _entries;
        _entries = _spare ?? [];
        _spare = null;
        _index?.Clear();
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i];
            if (entry.Full is not { } p)
            {
                network.Send(entry.Id, entry.Single!.Alone);
                continue;
            }
            // The kinds nothing was queued for are the shared empty array: most RPCs carry one or two kinds.
            network.Send(entry.Id, new PubsubRpc(
                OrEmpty(p.Subscriptions), OrEmpty(p.Messages), OrEmpty(p.IHave), OrEmpty(p.IWant), OrEmpty(p.Graft), OrEmpty(p.Prune)));
        }
        batch.Clear();
        _spare = batch;
    }

    private int Find(PeerState peer)
    {
        if (_index is not null && _entries.Count > ScanLimit) return _index.GetValueOrDefault(peer, -1);
        for (var i = 0; i < _entries.Count; i++)
        {
            if (ReferenceEquals(_entries[i].Peer, peer)) return i;
        }
        return -1;
    }

    private void Append(Entry entry)
    {
        _entries.Add(entry);
        if (_entries.Count <= ScanLimit) return;
        if (_entries.Count == ScanLimit + 1)
        {
            // Crossing the scan limit: index the peers queued so far.
            _index ??= new Dictionary<PeerState, int>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < ScanLimit; i++) _index[_entries[i].Peer] = i;
        }
        _index![entry.Peer] = _entries.Count - 1;
    }

    private Pending Get(PeerState peer)
    {
        var at = Find(peer);
        if (at >= 0) return Full(at);
        var pending = new Pending();
        Append(new Entry(peer, peer.Id, null, pending));
        return pending;
    }

    private Pending Full(int at)
    {
        var entry = _entries[at];
        if (entry.Full is { } full) return full;
        full = new Pending { Messages = [entry.Single!] };
        _entries[at] = entry with { Single = null, Full = full };
        return full;
    }

    private readonly record struct Entry(PeerState Peer, PeerId Id, PubsubMessage? Single, Pending? Full);

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

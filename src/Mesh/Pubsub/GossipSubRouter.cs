using Rollout.Mesh.Collections;
using Rollout.Mesh.Identity;
using Rollout.Mesh.Transport;

namespace Rollout.Mesh.Pubsub;

/// <summary>
/// A GossipSub v1.1 router: per-topic meshes kept between Dlo and Dhi, fanout, GRAFT/PRUNE with peer
/// exchange and backoff, IHAVE/IWANT gossip, a seen cache, flood publishing and peer scoring.
/// It owns no timer and no thread: the host delivers connection events and RPCs through
/// <see cref="IPeerNetworkHandler{TMessage}"/>, calls <see cref="Heartbeat"/> every
/// <see cref="GossipSubOptions.HeartbeatInterval"/>, and every call runs to completion on the
/// caller's thread. Not thread-safe: one host thread (or the simulator's loop) owns it.
/// </summary>
public sealed partial class GossipSubRouter : IPeerNetworkHandler<PubsubRpc>
{
    private readonly GossipSubOptions _options;
    private static readonly IReadOnlySet<PeerId> NoPeers = new HashSet<PeerId>();

    private readonly IPeerNetwork<PubsubRpc> _network;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly IReadOnlySet<PeerId> _allowList;
    private readonly Func<PubsubMessage, bool>? _validator;
    private readonly Dictionary<PeerId, PeerState> _peers = [];
    private readonly Dictionary<string, TopicState> _topics = [];
    private readonly PeerScoreBook _scores;
    private GossipSubCounters _counters;
    // A mutable struct held in place (not readonly: calls on a readonly copy would lose their writes).
    private SeenCache _seen;
    private readonly MessageCache _cache;
    private readonly GossipPromises _promises = new();
    private readonly BackoffTable _backoff = new();
    private readonly Outbox _outbox = new();
    private TopicState[]? _topicSnapshot;
    private ulong _sequence;
    private long _heartbeats;
    // Connected peers whose ScoreMayBeNegative is set. While there are none, no peer's score can be
    // negative, and a heartbeat keeps every mesh peer without reading one. Raised where the flag is set,
    // lowered when a flagged peer disconnects: it may count too many, which costs reads, never too few.
    private int _mayBeNegative;

    /// <summary>Creates a router for <paramref name="self"/>.</summary>
    /// <param name="self">This node's peer ID.</param>
    /// <param name="options">Protocol parameters; validated here.</param>
    /// <param name="network">Where RPCs and dial requests go.</param>
    /// <param name="time">The only clock the router reads.</param>
    /// <param name="random">Peer selection randomness; a simulator passes one seeded instance shared by all routers.</param>
    /// <param name="allowList">Peers (bootstraps) given <see cref="PeerScoreParams.AllowListedScore"/>, so their PX is accepted.</param>
    /// <param name="validator">Application validation; a message it rejects is dropped and counts against the sender.</param>
    public GossipSubRouter(
        PeerId self,
        GossipSubOptions options,
        IPeerNetwork<PubsubRpc> network,
        TimeProvider time,
        Random random,
        IReadOnlySet<PeerId>? allowList = null,
        Func<PubsubMessage, bool>? validator = null)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        Self = self;
        _options = options;
        _network = network;
        _time = time;
        _random = random;
        _allowList = allowList ?? NoPeers;
        _validator = validator;
        _scores = new PeerScoreBook(options.Score, time.GetUtcNow().UtcTicks);
        _seen = new SeenCache(options.SeenTtl);
        _cache = new MessageCache(options.HistoryLength, options.HistoryGossip);
    }

    /// <summary>This node's peer ID.</summary>
    public PeerId Self { get; }

    /// <summary>The options in force.</summary>
    public GossipSubOptions Options => _options;

    /// <summary>Called once for every new valid message on a joined topic, own messages included.</summary>
    public Action<PubsubMessage>? Delivered { get; set; }

    /// <summary>
    /// Called when a peer enters its first mesh or leaves its last, with its link: a host that mirrors
    /// mesh membership (as <see cref="Roles.MeshNode"/>'s connection tags do) need not visit every link.
    /// A <see cref="Roles.MeshNode"/> sets it on its own router; replacing it there breaks its tagging.
    /// </summary>
    public Action<PeerLink>? MeshMembershipChanged { get; set; }

    /// <summary>Running totals (mesh churn, PX, deliveries, penalties), as of now: a copy.</summary>
    public GossipSubCounters Counters => _counters;

    /// <summary>Heartbeats run so far.</summary>
    public long Heartbeats => _heartbeats;

    /// <summary>Connected peers.</summary>
    public IEnumerable<PeerId> ConnectedPeers => _peers.Keys;

    /// <summary>Number of connected peers.</summary>
    public int ConnectedCount => _peers.Count;

    /// <summary>Message IDs currently in the seen cache.</summary>
    public int SeenCount => _seen.Count;

    private long Now => _time.GetUtcNow().UtcTicks;

    /// <summary>
    /// True when the peer behind <paramref name="link"/> (a link this router returned from
    /// <see cref="OnConnected"/>, still open) is in our mesh of any joined topic. No lookup: a host
    /// re-tagging its mesh peers every heartbeat asks this for each of its connections.
    /// </summary>
    public bool IsMeshPeer(PeerLink link) => link is PeerState { IsOpen: true, MeshTopics: > 0 };

    /// <summary>Our mesh peers on a topic (empty when not joined).</summary>
    public IReadOnlyList<PeerId> MeshPeers(string topic) =>
        _topics.TryGetValue(topic, out var state) ? Ids(state.Mesh) : [];

    /// <summary>Our fanout peers on a topic.</summary>
    public IReadOnlyList<PeerId> FanoutPeers(string topic) =>
        _topics.TryGetValue(topic, out var state) ? Ids(state.Fanout) : [];

    /// <summary>True when we joined the topic.</summary>
    public bool IsJoined(string topic) => _topics.TryGetValue(topic, out var state) && state.Joined;

    /// <summary>The peer's current score (zero when unknown).</summary>
    public double Score(PeerId peer) =>
        _peers.TryGetValue(peer, out var state) ? _scores.Score(state.Score, Now) : _scores.RetainedScore(peer, Now);

    /// <summary>True when a backoff forbids grafting <paramref name="peer"/> on <paramref name="topic"/> now.</summary>
    public bool InBackoff(string topic, PeerId peer) => _backoff.TryGet(topic, peer, Now, out _);

    /// <summary>Messages in the message cache.</summary>
    public int CachedMessages => _cache.Count;

    /// <inheritdoc/>
    public PeerLink? OnConnected(PeerId peer, ConnectionDirection direction, SignedPeerRecord? record)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (peer.Equals(Self)) return null;
        if (_peers.TryGetValue(peer, out var known)) return known;
        if (record is not null && (!record.PeerId.Equals(peer) || !record.Verify())) record = null;
        var score = _scores.Connect(peer, _allowList.Contains(peer) ? _options.Score.AllowListedScore : 0);
        var state = new PeerState(peer, direction, record, score);
        ScoreChanged(state);
        _peers.Add(peer, state);
        // The hello: our subscriptions, so the peer can graft us.
        foreach (var topic in _topics.Values)
        {
            if (topic.Joined) _outbox.Subscription(state, new SubscriptionChange(topic.Name, true));
        }
        _outbox.Flush(_network);
        return state;
    }

    /// <summary>Adds to a peer's behaviour penalty, and notes that its score may now be negative.</summary>
    private void Penalise(PeerState peer, double count)
    {
        _scores.AddPenalty(peer.Score, count);
        ScoreChanged(peer);
    }

    /// <summary>
    /// After a peer's score counters rose (or it connected with retained ones): once its score may be
    /// negative, RPCs from it are scored exactly. Call after every change that could make
    /// <see cref="PeerScoreBook.CannotBeNegative"/> false (penalties go through <see cref="Penalise"/>).
    /// </summary>
    private void ScoreChanged(PeerState peer)
    {
        if (peer.ScoreMayBeNegative || PeerScoreBook.CannotBeNegative(_options.Score, peer.Score)) return;
        peer.ScoreMayBeNegative = true;
        _mayBeNegative++;
    }

    /// <inheritdoc/>
    public void OnDisconnected(PeerId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (!_peers.Remove(peer, out var state)) return;
        state.Close();
        if (state.ScoreMayBeNegative) _mayBeNegative--;
        SparseTables.Trim(_peers);
        foreach (var topic in state.Topics)
        {
            if (!_topics.TryGetValue(topic, out var topicState)) continue;
            topicState.Subscribers.Remove(state);
            if (topicState.RemoveFromMesh(state)) _counters.MeshRemoved++;
            topicState.Fanout.Remove(state);
            DropIfUnused(topicState);
        }
        _scores.Disconnect(peer, state.Score, Now);
    }

    /// <summary>Joins a topic: announces it and builds a mesh from fanout peers first, then other subscribers.</summary>
    public void Join(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var state = Topic(topic);
        if (state.Joined) return;
        state.Joined = true;
        foreach (var peer in _peers.Values) _outbox.Subscription(peer, new SubscriptionChange(topic, true));
        var now = Now;
        foreach (var peer in state.Fanout)
        {
            if (state.Mesh.Count >= _options.D) break;
            if (CanGraft(state, peer, now)) Graft(state, peer, now);
        }
        state.Fanout.Clear();
        state.LastPublished = long.MinValue;
        if (state.Mesh.Count < _options.D) FillMesh(state, _options.D - state.Mesh.Count, now);
        _outbox.Flush(_network);
    }

    /// <summary>Leaves a topic: prunes the mesh (with the unsubscribe backoff) and announces it.</summary>
    public void Leave(string topic)
    {
        if (!_topics.TryGetValue(topic, out var state) || !state.Joined) return;
        state.Joined = false;
        var now = Now;
        foreach (var peer in state.Mesh)
        {
            PeerScoreBook.Prune(peer.Score, topic);
            _backoff.Add(topic, peer.Id, now + _options.UnsubscribeBackoff.Ticks);
            SendPrune(peer, MakePrune(state, peer, _options.UnsubscribeBackoff, peerExchange: true));
        }
        _counters.MeshRemoved += state.Mesh.Count;
        state.ClearMesh();
        foreach (var peer in _peers.Values) _outbox.Subscription(peer, new SubscriptionChange(topic, false));
        DropIfUnused(state);
        _outbox.Flush(_network);
    }

    /// <summary>Publishes <paramref name="data"/> on a topic and returns the message sent.</summary>
    public PubsubMessage Publish(string topic, ReadOnlyMemory<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var message = new PubsubMessage(Self, ++_sequence, topic, data);
        var now = Now;
        _seen.Add(message.Id, now);
        _cache.Put(message);
        var state = Topic(topic);
        if (_options.FloodPublish)
        {
            foreach (var peer in state.Subscribers)
            {
                if (_scores.AtLeast(peer.Score, _options.Thresholds.Publish, now)) _outbox.Message(peer, peer.Id, message);
            }
        }
        else if (state.Joined)
        {
            foreach (var peer in state.Mesh) _outbox.Message(peer, peer.Id, message);
        }
        else
        {
            if (state.Fanout.Count == 0) FillFanout(state, now);
            foreach (var peer in state.Fanout) _outbox.Message(peer, peer.Id, message);
        }
        if (!state.Joined) state.LastPublished = now;
        if (state.Joined)
        {
            _counters.Delivered++;
            Delivered?.Invoke(message);
        }
        _outbox.Flush(_network);
        return message;
    }

    // A loop rather than LINQ: hosts ask for the mesh every heartbeat.
    private static PeerId[] Ids(List<PeerState> peers)
    {
        var ids = new PeerId[peers.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = peers[i].Id;
        return ids;
    }

    private TopicState Topic(string topic)
    {
        if (!_topics.TryGetValue(topic, out var state))
        {
            state = new TopicState(topic, peer => MeshMembershipChanged?.Invoke(peer));
            _topics.Add(topic, state);
            _topicSnapshot = null;
        }
        return state;
    }

    private void DropIfUnused(TopicState state)
    {
        if (!state.Joined && state.Subscribers.Count == 0 && state.Fanout.Count == 0 && state.LastPublished == long.MinValue)
        {
            _topics.Remove(state.Name);
            _topicSnapshot = null;
        }
    }
}

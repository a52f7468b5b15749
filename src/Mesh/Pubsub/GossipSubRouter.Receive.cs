using Rollout.Mesh.Transport;

namespace Rollout.Mesh.Pubsub;

/// <summary>Handling of incoming RPCs.</summary>
public sealed partial class GossipSubRouter
{
    /// <inheritdoc/>
    public void OnReceived(PeerLink link, PubsubRpc message)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(message);
        // The link is the peer's state itself, so a copy costs no lookup by peer ID.
        if (link is not PeerState { IsOpen: true } peer) return;
        var now = Now;
        peer.Received(now);
        // The gossip and graylist thresholds are never above zero: a score that cannot be negative passes both uncomputed.
        var exact = peer.ScoreMayBeNegative;
        var score = exact ? _scores.Score(peer.Score, now) : 0;
        // Graylisted: everything it says is ignored, so it costs us nothing.
        if (score < _options.Thresholds.Graylist)
        {
            _counters.GraylistedRpcs++;
            return;
        }
        // Indexed loops: foreach over an IReadOnlyList boxes an enumerator, and this runs for every copy of every message.
        var subscriptions = message.Subscriptions;
        for (var i = 0; i < subscriptions.Count; i++) HandleSubscription(peer, subscriptions[i]);
        var messages = message.Messages;
        for (var i = 0; i < messages.Count; i++) HandleMessage(peer, messages[i], now);
        if (score >= _options.Thresholds.Gossip)
        {
            var ihaves = message.IHave;
            for (var i = 0; i < ihaves.Count; i++) HandleIHave(peer, ihaves[i], now);
            if (message.IWant.Count > 0) HandleIWant(peer, message.IWant);
        }
        if (!exact && (message.Graft.Count > 0 || message.Prune.Count > 0)) score = _scores.Score(peer.Score, now);
        var grafts = message.Graft;
        for (var i = 0; i < grafts.Count; i++) HandleGraft(peer, grafts[i], score, now);
        var prunes = message.Prune;
        for (var i = 0; i < prunes.Count; i++) HandlePrune(peer, prunes[i], score, now);
        _outbox.Flush(_network);
    }

    private void HandleSubscription(PeerState peer, SubscriptionChange change)
    {
        var state = Topic(change.Topic);
        if (change.Subscribe)
        {
            if (state.Subscribers.Add(peer)) peer.Topics = [.. peer.Topics, change.Topic];
            return;
        }
        state.Subscribers.Remove(peer);
        peer.Topics = [.. peer.Topics.Where(t => t != change.Topic)];
        if (state.RemoveFromMesh(peer))
        {
            _counters.MeshRemoved++;
            PeerScoreBook.Prune(peer.Score, change.Topic);
        }
        state.Fanout.Remove(peer);
        DropIfUnused(state);
    }

    private void HandleMessage(PeerState peer, PubsubMessage message, long now)
    {
        if (!_seen.Add(message.Id, now))
        {
            _counters.Duplicates++;
            return;
        }
        _promises.Delivered(message.Id);
        var author = message.Author;
        if (author.Equals(Self)) return;
        if (_validator is not null && !_validator(message))
        {
            _scores.InvalidDelivery(peer.Score, message.Topic);
            ScoreChanged(peer);
            _counters.Invalid++;
            return;
        }
        if (!_topics.TryGetValue(message.Topic, out var state) || !state.Joined)
        {
            // Not ours: nothing to deliver to and no mesh to forward on.
            return;
        }
        _scores.FirstDelivery(peer.Score, message.Topic);
        _cache.Put(message);
        _counters.Delivered++;
        Delivered?.Invoke(message);
        var mesh = state.Mesh;
        var targets = state.MeshTargets;
        var authorHash = author.GetHashCode();
        for (var i = 0; i < mesh.Count; i++)
        {
            // The sender is told apart by reference and the author by the kept hash: no mesh peer's state is loaded.
            var next = mesh[i];
            var target = targets[i];
            if (next != peer && (target.Hash != authorHash || !target.Id.Equals(author))) _outbox.Message(next, target.Id, message);
        }
    }

    private void HandleIHave(PeerState peer, ControlIHave ihave, long now)
    {
        peer.CountFrom(_heartbeats);
        if (++peer.IHavesThisHeartbeat > _options.MaxIHaveMessages) return;
        if (peer.AskedThisHeartbeat >= _options.MaxIHaveLength) return;
        if (!_topics.TryGetValue(ihave.Topic, out var state) || !state.Joined) return;
        var deadline = now + _options.IWantFollowupTime.Ticks;
        var ids = ihave.MessageIds;
        _seen.PrefetchRecent();
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            if (peer.AskedThisHeartbeat >= _options.MaxIHaveLength) break;
            if (_seen.Contains(id) || _promises.IsPromised(id)) continue;
            peer.AskedThisHeartbeat++;
            _promises.Add(id, peer.Id, deadline);
            _outbox.IWant(peer, id);
            _counters.IWantRequested++;
        }
    }

    private void HandleIWant(PeerState peer, IReadOnlyList<MessageId> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var message = _cache.GetForPeer(id, peer, _options.GossipRetransmission);
            if (message is not null) _outbox.Message(peer, peer.Id, message);
        }
    }

    private void HandleGraft(PeerState peer, string topic, double score, long now)
    {
        // A GRAFT for a topic we did not join is ignored rather than answered (spam hardening).
        if (!_topics.TryGetValue(topic, out var state) || !state.Joined) return;
        if (state.Mesh.Contains(peer)) return;
        if (_backoff.TryGet(topic, peer.Id, now, out var until))
        {
            // Grafting inside the backoff: penalised, twice when it comes right after the prune (flooding).
            var penalty = now < until - _options.PruneBackoff.Ticks + _options.GraftFloodThreshold.Ticks ? 2 : 1;
            Penalise(peer, penalty);
            _counters.BackoffViolations++;
            RefuseGraft(state, peer, now, peerExchange: false);
            return;
        }
        if (score < 0)
        {
            RefuseGraft(state, peer, now, peerExchange: false);
            return;
        }
        // A node without a mesh (a bootstrap) answers every GRAFT with PX; others refuse inbound grafts only when full.
        if (_options.Dhi == 0 || (state.Mesh.Count >= _options.Dhi && !peer.Outbound))
        {
            RefuseGraft(state, peer, now, peerExchange: true);
            return;
        }
        state.AddToMesh(peer);
        _counters.MeshAdded++;
        PeerScoreBook.Graft(peer.Score, topic, now);
    }

    private void RefuseGraft(TopicState state, PeerState peer, long now, bool peerExchange)
    {
        _backoff.Add(state.Name, peer.Id, now + _options.PruneBackoff.Ticks);
        SendPrune(peer, MakePrune(state, peer, _options.PruneBackoff, peerExchange));
    }

    private void SendPrune(PeerState peer, ControlPrune prune)
    {
        _counters.PrunesSent++;
        _counters.PeerExchangeRecordsSent += prune.Peers.Count;
        _outbox.Prune(peer, prune);
    }

    private void HandlePrune(PeerState peer, ControlPrune prune, double score, long now)
    {
        if (_topics.TryGetValue(prune.Topic, out var state) && state.RemoveFromMesh(peer))
        {
            _counters.MeshRemoved++;
            PeerScoreBook.Prune(peer.Score, prune.Topic);
        }
        var backoff = prune.Backoff > TimeSpan.Zero ? prune.Backoff : _options.PruneBackoff;
        _backoff.Add(prune.Topic, peer.Id, now + backoff.Ticks);
        if (prune.Peers.Count == 0 || !_options.PeerExchange) return;
        // PX only from peers we trust enough (in practice the allow-listed bootstraps).
        if (score < _options.Thresholds.AcceptPeerExchange) return;
        var dialed = 0;
        foreach (var record in prune.Peers)
        {
            if (dialed >= _options.PrunePeers) break;
            if (record.PeerId.Equals(Self) || _peers.ContainsKey(record.PeerId) || !record.Verify()) continue;
            _network.Connect(record);
            _counters.PeerExchangeDials++;
            dialed++;
        }
    }

    private ControlPrune MakePrune(TopicState state, PeerState pruned, TimeSpan backoff, bool peerExchange)
    {
        if (!peerExchange || !_options.PeerExchange || _options.PrunePeers == 0)
        {
            return new ControlPrune(state.Name, [], backoff);
        }
        var now = Now;
        var picked = state.Subscribers.Sample(_options.PrunePeers, _random, (Router: this, Pruned: pruned, Now: now),
            static (peer, s) => peer != s.Pruned && peer.Record is not null && s.Router._scores.AtLeast(peer.Score, 0, s.Now));
        return new ControlPrune(state.Name, [.. picked.Select(peer => peer.Record!)], backoff);
    }
}

namespace Rollout.Mesh.Pubsub;

/// <summary>The heartbeat: mesh maintenance, fanout upkeep, gossip emission, cache shifting and score decay.</summary>
public sealed partial class GossipSubRouter
{
    /// <summary>
    /// Runs one heartbeat. The host calls it every <see cref="GossipSubOptions.HeartbeatInterval"/>
    /// (first after <see cref="GossipSubOptions.HeartbeatInitialDelay"/>); nothing else in the
    /// router depends on being called at any particular time.
    /// </summary>
    public void Heartbeat()
    {
        var now = Now;
        _heartbeats++;
        _backoff.Expire(now - BackoffSlack);
        // Guarded so the callback is not allocated on heartbeats with no promise outstanding (most of them).
        if (_promises.Count > 0)
        {
            _promises.Expire(now, peer =>
            {
                _counters.BrokenPromises++;
                if (_peers.TryGetValue(peer, out var state)) Penalise(state, 1);
            });
        }
        _scores.Decay(now);
        // A snapshot: fanout upkeep may drop a topic. Remade only when the topics changed, so a heartbeat allocates nothing for it.
        var topics = _topicSnapshot ??= [.. _topics.Values];
        foreach (var state in topics)
        {
            if (state.Joined) MaintainMesh(state, now);
            else if (state.LastPublished != long.MinValue) MaintainFanout(state, now);
        }
        if (_cache.HasGossip())
        {
            foreach (var state in topics)
            {
                if (state.Joined) EmitGossip(state, state.Mesh, now);
                else if (state.Fanout.Count > 0) EmitGossip(state, state.Fanout, now);
            }
        }
        _cache.Shift();
        _seen.Expire(now);
        _outbox.Flush(_network);
    }

    private void MaintainMesh(TopicState state, long now)
    {
        var mesh = state.Mesh;
        // Peers whose score went negative leave the mesh, without PX. A score can be negative only once
        // its peer's ScoreMayBeNegative is set, so most heartbeats read no mesh peer here.
        for (var i = mesh.Count - 1; i >= 0 && _mayBeNegative > 0; i--)
        {
            var peer = mesh[i];
            if (peer.ScoreMayBeNegative && !_scores.AtLeast(peer.Score, 0, now)) PruneFromMesh(state, peer, now, peerExchange: false);
        }
        if (mesh.Count < _options.Dlo) FillMesh(state, _options.D - mesh.Count, now);
        if (mesh.Count > _options.Dhi) Shrink(state, now);
        if (_options.Dout > 0 && mesh.Count >= _options.Dlo)
        {
            var outbound = state.OutboundInMesh;
            if (outbound < _options.Dout)
            {
                var candidates = state.Subscribers.Sample(_options.Dout - outbound, _random, (Router: this, Topic: state, Now: now),
                    static (p, s) => p.Outbound && s.Router.CanGraft(s.Topic, p, s.Now));
                foreach (var peer in candidates)
                {
                    Graft(state, peer, now);
                }
            }
        }
        if (_options.OpportunisticGraftTicks > 0 && _heartbeats % _options.OpportunisticGraftTicks == 0 && mesh.Count > 1)
        {
            var scores = mesh.Select(p => _scores.Score(p.Score, now)).Order().ToArray();
            var median = scores[scores.Length / 2];
            if (median < _options.Thresholds.OpportunisticGraft)
            {
                var better = state.Subscribers.Sample(_options.OpportunisticGraftPeers, _random,
                    p => CanGraft(state, p, now) && _scores.Score(p.Score, now) > median);
                foreach (var peer in better) Graft(state, peer, now);
            }
        }
    }

    /// <summary>Prunes an oversubscribed mesh down to D: the best Dscore by score stay, the rest are drawn at random with Dout outbound kept.</summary>
    private void Shrink(TopicState state, long now)
    {
        var all = state.Mesh.ToArray();
        _random.Shuffle(all);
        var ranked = all.OrderByDescending(p => _scores.Score(p.Score, now)).ToList();
        var keep = ranked.Take(_options.Dscore).ToList();
        var rest = ranked.Skip(_options.Dscore).ToArray();
        _random.Shuffle(rest);
        var outboundNeeded = _options.Dout - keep.Count(p => p.Outbound);
        foreach (var peer in rest)
        {
            if (keep.Count >= _options.D || outboundNeeded <= 0) break;
            if (peer.Outbound)
            {
                keep.Add(peer);
                outboundNeeded--;
            }
        }
        foreach (var peer in rest)
        {
            if (keep.Count >= _options.D) break;
            if (!keep.Contains(peer)) keep.Add(peer);
        }
        foreach (var peer in all)
        {
            if (!keep.Contains(peer)) PruneFromMesh(state, peer, now, peerExchange: true);
        }
    }

    private void MaintainFanout(TopicState state, long now)
    {
        if (state.LastPublished + _options.FanoutTtl.Ticks <= now)
        {
            state.Fanout.Clear();
            state.LastPublished = long.MinValue;
            DropIfUnused(state);
            return;
        }
        state.Fanout.RemoveAll(p => !state.Subscribers.Contains(p) || !_scores.AtLeast(p.Score, _options.Thresholds.Publish, now));
        if (state.Fanout.Count < _options.D) FillFanout(state, now);
    }

    private void FillFanout(TopicState state, long now)
    {
        var more = state.Subscribers.Sample(_options.D - state.Fanout.Count, _random,
            p => !state.Fanout.Contains(p) && _scores.AtLeast(p.Score, _options.Thresholds.Publish, now));
        state.Fanout.AddRange(more);
    }

    private void FillMesh(TopicState state, int count, long now)
    {
        var candidates = state.Subscribers.Sample(count, _random, (Router: this, Topic: state, Now: now), static (p, s) => s.Router.CanGraft(s.Topic, p, s.Now));
        foreach (var peer in candidates) Graft(state, peer, now);
    }

    /// <summary>
    /// Our own grafts wait two heartbeats past a backoff's end (go-libp2p-pubsub does the same), so a
    /// remote whose clock or heartbeat runs a little behind never sees them as backoff violations.
    /// </summary>
    private long BackoffSlack => 2 * _options.HeartbeatInterval.Ticks;

    private bool CanGraft(TopicState state, PeerState peer, long now) =>
        !state.Mesh.Contains(peer) && !_backoff.TryGet(state.Name, peer.Id, now - BackoffSlack, out _) && _scores.AtLeast(peer.Score, 0, now);

    private void Graft(TopicState state, PeerState peer, long now)
    {
        state.AddToMesh(peer);
        _counters.MeshAdded++;
        PeerScoreBook.Graft(peer.Score, state.Name, now);
        _outbox.Graft(peer, state.Name);
    }

    private void PruneFromMesh(TopicState state, PeerState peer, long now, bool peerExchange)
    {
        state.RemoveFromMesh(peer);
        _counters.MeshRemoved++;
        PeerScoreBook.Prune(peer.Score, state.Name);
        _backoff.Add(state.Name, peer.Id, now + _options.PruneBackoff.Ticks);
        SendPrune(peer, MakePrune(state, peer, _options.PruneBackoff, peerExchange));
    }

    /// <summary>Sends IHAVE for the gossip windows to max(Dlazy, factor × eligible) peers outside <paramref name="exclude"/>.</summary>
    private void EmitGossip(TopicState state, List<PeerState> exclude, long now)
    {
        var ids = _cache.GossipIds(state.Name);
        if (ids.Count == 0) return;
        if (ids.Count > _options.MaxIHaveLength)
        {
            var array = ids.ToArray();
            _random.Shuffle(array);
            ids = [.. array[.._options.MaxIHaveLength]];
        }
        var eligible = state.Subscribers.Count - exclude.Count;
        var target = Math.Max(_options.Dlazy, eligible * _options.GossipFactorPercent / 100);
        var targets = state.Subscribers.Sample(target, _random, (Router: this, Exclude: exclude, Now: now),
            static (p, s) => !s.Exclude.Contains(p) && s.Router._scores.AtLeast(p.Score, s.Router._options.Thresholds.Gossip, s.Now));
        var ihave = new ControlIHave(state.Name, ids);
        foreach (var peer in targets) _outbox.IHave(peer, ihave);
    }
}

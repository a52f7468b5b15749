using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Pubsub;

/// <summary>
/// GossipSub v1.1 peer scores of every peer a router knows, with decay of the counters. The score is
/// <c>Σ topics [w1·min(meshTime, cap) + w2·firstDeliveries + w4·invalid²] + w5·app + w7·max(0, penalty − threshold)²</c>.
/// Owned by one router.
/// </summary>
internal sealed class PeerScoreBook(PeerScoreParams parameters, long start)
{
    private readonly Dictionary<PeerId, PeerScoreState> _states = [];
    private long _lastDecay = start;

    /// <summary>States held (connected plus retained).</summary>
    public int Count => _states.Count;

    /// <summary>The state of a peer, created (or revived after a disconnect) on first use.</summary>
    public PeerScoreState Connect(PeerId peer, double appScore)
    {
        if (!_states.TryGetValue(peer, out var state))
        {
            state = new PeerScoreState();
            _states.Add(peer, state);
        }
        state.RetainUntil = long.MaxValue;
        state.AppScore = appScore;
        return state;
    }

    /// <summary>Starts the retention clock of a peer that disconnected; mesh time stops counting.</summary>
    public void Disconnect(PeerId peer, long now)
    {
        if (!_states.TryGetValue(peer, out var state)) return;
        state.RetainUntil = now + parameters.RetainScore.Ticks;
        foreach (var topic in state.Topics) topic.GraftedAt = -1;
    }

    /// <summary>The score of a peer at <paramref name="now"/>; zero for an unknown peer.</summary>
    public double Score(PeerId peer, long now) => _states.TryGetValue(peer, out var state) ? Score(state, now) : 0;

    /// <summary>The score of a state at <paramref name="now"/>.</summary>
    public double Score(PeerScoreState state, long now)
    {
        double score = 0;
        foreach (var topic in state.Topics)
        {
            if (topic.GraftedAt >= 0)
            {
                var quanta = (double)(now - topic.GraftedAt) / parameters.TimeInMeshQuantum.Ticks;
                score += parameters.TimeInMeshWeight * Math.Min(quanta, parameters.TimeInMeshCap);
            }
            score += parameters.FirstMessageDeliveriesWeight * topic.FirstDeliveries;
            score += parameters.InvalidMessageDeliveriesWeight * topic.InvalidDeliveries * topic.InvalidDeliveries;
        }
        score += parameters.AppSpecificWeight * state.AppScore;
        var excess = state.BehaviourPenalty - parameters.BehaviourPenaltyThreshold;
        if (excess > 0) score += parameters.BehaviourPenaltyWeight * excess * excess;
        return score;
    }

    /// <summary>Adds to a peer's behaviour penalty (P7).</summary>
    public void AddPenalty(PeerScoreState state, double count) => state.BehaviourPenalty += count;

    /// <summary>Counts a message the peer delivered first (P2).</summary>
    public void FirstDelivery(PeerScoreState state, string topic)
    {
        var counters = state.Topic(topic);
        counters.FirstDeliveries = Math.Min(counters.FirstDeliveries + 1, parameters.FirstMessageDeliveriesCap);
    }

    /// <summary>Counts an invalid message the peer sent (P4).</summary>
    public void InvalidDelivery(PeerScoreState state, string topic) => state.Topic(topic).InvalidDeliveries += 1;

    /// <summary>The peer entered our mesh of the topic (P1 starts).</summary>
    public static void Graft(PeerScoreState state, string topic, long now) => state.Topic(topic).GraftedAt = now;

    /// <summary>The peer left our mesh of the topic (P1 stops).</summary>
    public static void Prune(PeerScoreState state, string topic) => state.Topic(topic).GraftedAt = -1;

    /// <summary>Applies one decay step per whole interval since the last, and drops states retained past their time.</summary>
    public void Decay(long now)
    {
        var steps = (now - _lastDecay) / parameters.DecayInterval.Ticks;
        if (steps <= 0) return;
        _lastDecay += steps * parameters.DecayInterval.Ticks;
        var stepCount = (int)Math.Min(steps, 10_000);
        var behaviour = Math.Pow(parameters.BehaviourPenaltyDecay, stepCount);
        var first = Math.Pow(parameters.FirstMessageDeliveriesDecay, stepCount);
        var invalid = Math.Pow(parameters.InvalidMessageDeliveriesDecay, stepCount);
        List<PeerId>? expired = null;
        foreach (var (peer, state) in _states)
        {
            if (state.RetainUntil <= now)
            {
                (expired ??= []).Add(peer);
                continue;
            }
            state.BehaviourPenalty = ToZero(state.BehaviourPenalty * behaviour);
            foreach (var topic in state.Topics)
            {
                topic.FirstDeliveries = ToZero(topic.FirstDeliveries * first);
                topic.InvalidDeliveries = ToZero(topic.InvalidDeliveries * invalid);
            }
        }
        if (expired is null) return;
        foreach (var peer in expired) _states.Remove(peer);
    }

    private double ToZero(double value) => value < parameters.DecayToZero ? 0 : value;
}

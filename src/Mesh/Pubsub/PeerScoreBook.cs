using Rollout.Mesh.Collections;
using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Pubsub;

/// <summary>
/// GossipSub v1.1 peer scores of every peer a router knows, with decay of the counters. The score is
/// <c>Σ topics [w1·min(meshTime, cap) + w2·firstDeliveries + w4·invalid²] + w5·app + w7·max(0, penalty − threshold)²</c>.
/// A connected peer's state lives in its <see cref="PeerState"/>; this book keeps only the states
/// of disconnected peers that carry a penalty, for <see cref="PeerScoreParams.RetainScore"/>, so a
/// simulation's routers hold no second table of every peer. A decay step visits only the states
/// with a counter above zero (a zero counter decays to zero), listed as their counters rise: most
/// of a router's peers deliver nothing first and are never penalised. Owned by one router.
/// </summary>
internal sealed class PeerScoreBook(PeerScoreParams parameters, long start)
{
    private readonly Dictionary<PeerId, PeerScoreState> _retained = [];
    // The connected and retained states with a counter above zero, each at its DecayIndex.
    private readonly List<PeerScoreState> _decaying = [];
    private long _lastDecay = start;

    /// <summary>States of disconnected peers held.</summary>
    public int Retained => _retained.Count;

    /// <summary>The state of a connecting peer: the retained one when it left recently with a penalty, else a new one.</summary>
    public PeerScoreState Connect(PeerId peer, double appScore)
    {
        if (!_retained.Remove(peer, out var state)) state = new PeerScoreState();
        state.RetainUntil = long.MaxValue;
        state.AppScore = appScore;
        return state;
    }

    /// <summary>A peer disconnected: mesh time stops, and a state carrying a penalty is retained.</summary>
    public void Disconnect(PeerId peer, PeerScoreState state, long now)
    {
        var invalid = false;
        foreach (ref var topic in state.Topics)
        {
            topic.GraftedAt = -1;
            invalid |= topic.InvalidDeliveries != 0;
        }
        if (state.BehaviourPenalty == 0 && !invalid)
        {
            StopDecaying(state);
            return;
        }
        state.RetainUntil = now + parameters.RetainScore.Ticks;
        _retained[peer] = state;
    }

    /// <summary>The score of a disconnected peer at <paramref name="now"/>; zero when nothing is retained.</summary>
    public double RetainedScore(PeerId peer, long now) => _retained.TryGetValue(peer, out var state) ? Score(state, now) : 0;

    /// <summary>
    /// True when nothing in the state can make its score negative: positive weights for time in mesh
    /// and first deliveries, no invalid message ever counted, the behaviour penalty within its
    /// threshold and a non-negative application score. Checks against the gossip and graylist
    /// thresholds (never above zero) then pass without computing the score, which an RPC would
    /// otherwise do for every copy of every message. Static, on the parameters the router shares
    /// with every other router of its role: the check needs no book, so a copy loads none.
    /// </summary>
    public static bool CannotBeNegative(PeerScoreParams parameters, PeerScoreState state) =>
        parameters.TimeInMeshWeight >= 0 && parameters.FirstMessageDeliveriesWeight >= 0
        && !state.HadInvalid && state.BehaviourPenalty <= parameters.BehaviourPenaltyThreshold
        && parameters.AppSpecificWeight * state.AppScore >= 0;

    /// <summary>
    /// True when the score at <paramref name="now"/> is at least <paramref name="threshold"/>: for a
    /// threshold not above zero, a state that <see cref="CannotBeNegative"/> passes without its score
    /// being computed (a heartbeat asks this of every mesh peer, and most never misbehave).
    /// </summary>
    public bool AtLeast(PeerScoreState state, double threshold, long now) =>
        (threshold <= 0 && CannotBeNegative(parameters, state)) || Score(state, now) >= threshold;

    /// <summary>The score of a state at <paramref name="now"/>.</summary>
    public double Score(PeerScoreState state, long now)
    {
        double score = 0;
        foreach (ref readonly var topic in state.Topics)
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
    public void AddPenalty(PeerScoreState state, double count)
    {
        state.BehaviourPenalty += count;
        Decaying(state);
    }

    /// <summary>Counts a message the peer delivered first (P2).</summary>
    public void FirstDelivery(PeerScoreState state, string topic)
    {
        ref var counters = ref state.Topic(topic);
        counters.FirstDeliveries = Math.Min(counters.FirstDeliveries + 1, parameters.FirstMessageDeliveriesCap);
        Decaying(state);
    }

    /// <summary>Counts an invalid message the peer sent (P4).</summary>
    public void InvalidDelivery(PeerScoreState state, string topic)
    {
        state.Topic(topic).InvalidDeliveries += 1;
        state.HadInvalid = true;
        Decaying(state);
    }

    /// <summary>The peer entered our mesh of the topic (P1 starts).</summary>
    public static void Graft(PeerScoreState state, string topic, long now) => state.Topic(topic).GraftedAt = now;

    /// <summary>The peer left our mesh of the topic (P1 stops).</summary>
    public static void Prune(PeerScoreState state, string topic) => state.Topic(topic).GraftedAt = -1;

    /// <summary>Applies one decay step per whole interval since the last to the connected and retained states, and drops states retained past their time.</summary>
    public void Decay(long now)
    {
        var steps = (now - _lastDecay) / parameters.DecayInterval.Ticks;
        if (steps <= 0) return;
        _lastDecay += steps * parameters.DecayInterval.Ticks;
        List<PeerId>? expired = null;
        foreach (var (peer, state) in _retained)
        {
            if (state.RetainUntil <= now) (expired ??= []).Add(peer);
        }
        if (expired is not null)
        {
            foreach (var peer in expired)
            {
                _retained.Remove(peer, out var state);
                StopDecaying(state!);
            }
        }
        var stepCount = (int)Math.Min(steps, 10_000);
        var behaviour = Math.Pow(parameters.BehaviourPenaltyDecay, stepCount);
        var first = Math.Pow(parameters.FirstMessageDeliveriesDecay, stepCount);
        var invalid = Math.Pow(parameters.InvalidMessageDeliveriesDecay, stepCount);
        // From the end, so a state that reached zero is swapped out for one already visited.
        for (var i = _decaying.Count - 1; i >= 0; i--)
        {
            var state = _decaying[i];
            if (Decay(state, behaviour, first, invalid)) StopDecaying(state);
        }
    }

    /// <summary>One decay step on a state; true when every counter is zero after it.</summary>
    private bool Decay(PeerScoreState state, double behaviour, double first, double invalid)
    {
        state.BehaviourPenalty = ToZero(state.BehaviourPenalty * behaviour);
        var zero = state.BehaviourPenalty == 0;
        foreach (ref var topic in state.Topics)
        {
            topic.FirstDeliveries = ToZero(topic.FirstDeliveries * first);
            topic.InvalidDeliveries = ToZero(topic.InvalidDeliveries * invalid);
            zero &= topic.FirstDeliveries == 0 && topic.InvalidDeliveries == 0;
        }
        return zero;
    }

    /// <summary>Lists a state whose counter just rose, unless it is listed.</summary>
    private void Decaying(PeerScoreState state)
    {
        if (state.DecayIndex >= 0) return;
        state.DecayIndex = _decaying.Count;
        _decaying.Add(state);
    }

    /// <summary>Takes a state off the list, moving the last one into its place.</summary>
    private void StopDecaying(PeerScoreState state)
    {
        var index = state.DecayIndex;
        if (index < 0) return;
        var last = _decaying[^1];
        _decaying[index] = last;
        last.DecayIndex = index;
        _decaying.RemoveAt(_decaying.Count - 1);
        state.DecayIndex = -1;
        SparseTables.Trim(_decaying);
    }

    private double ToZero(double value) => value < parameters.DecayToZero ? 0 : value;
}

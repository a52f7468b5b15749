namespace Rollout.Mesh.Pubsub;

/// <summary>One peer's score counters; kept for a while after the peer disconnects.</summary>
internal sealed class PeerScoreState
{
    /// <summary>P7 counter: graft spam, backoff violations, broken IWANT promises.</summary>
    public double BehaviourPenalty { get; set; }

    /// <summary>An invalid message was ever counted (P4 may be negative); see <see cref="PeerScoreBook.CannotBeNegative"/>.</summary>
    public bool HadInvalid { get; set; }

    /// <summary>P5 input.</summary>
    public double AppScore { get; set; }

    /// <summary>Per-topic counters (a light peer has one or two, so an array).</summary>
    public TopicScoreState[] Topics { get; private set; } = [];

    /// <summary>Its place in the owning book's list of states to decay, or -1 while every counter is zero.</summary>
    public int DecayIndex { get; set; } = -1;

    /// <summary>When a disconnected peer's state may be dropped; <see cref="long.MaxValue"/> while connected.</summary>
    public long RetainUntil { get; set; } = long.MaxValue;

    /// <summary>The counters of <paramref name="topic"/>, created on first use.</summary>
    public TopicScoreState Topic(string topic)
    {
        foreach (var state in Topics)
        {
            if (state.Topic == topic) return state;
        }
        var created = new TopicScoreState(topic);
        Topics = [.. Topics, created];
        return created;
    }
}

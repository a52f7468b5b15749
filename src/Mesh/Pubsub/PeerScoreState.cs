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

    // Per-topic counters, in place (a light peer has one or two, so an array).
    private TopicScoreState[] _topics = [];

    /// <summary>Per-topic counters, to be read and written in place.</summary>
    public Span<TopicScoreState> Topics => _topics;

    /// <summary>Its place in the owning book's list of states to decay, or -1 while every counter is zero.</summary>
    public int DecayIndex { get; set; } = -1;

    /// <summary>When a disconnected peer's state may be dropped; <see cref="long.MaxValue"/> while connected.</summary>
    public long RetainUntil { get; set; } = long.MaxValue;

    /// <summary>The counters of <paramref name="topic"/>, created on first use; valid until the next topic is added.</summary>
    public ref TopicScoreState Topic(string topic)
    {
        for (var i = 0; i < _topics.Length; i++)
        {
            if (_topics[i].Topic == topic) return ref _topics[i];
        }
        _topics = [.. _topics, new TopicScoreState(topic)];
        return ref _topics[^1];
    }
}

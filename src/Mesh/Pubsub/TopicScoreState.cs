namespace Rollout.Mesh.Pubsub;

/// <summary>
/// One peer's per-topic score counters: a struct held in its <see cref="PeerScoreState"/>'s array, so
/// counting a first delivery reads the peer's score state and that array, not a third object as well.
/// Reach it by reference (<see cref="PeerScoreState.Topic"/>, <see cref="PeerScoreState.Topics"/>); a copy's writes are lost.
/// </summary>
internal struct TopicScoreState(string topic)
{
    /// <summary>The topic.</summary>
    public readonly string Topic = topic;

    /// <summary>When the peer was grafted into our mesh, or -1 when it is not in it.</summary>
    public long GraftedAt = -1;

    /// <summary>P2 counter.</summary>
    public double FirstDeliveries;

    /// <summary>P4 counter.</summary>
    public double InvalidDeliveries;
}

namespace Rollout.Mesh.Pubsub;

/// <summary>One peer's per-topic score counters.</summary>
internal sealed class TopicScoreState(string topic)
{
    /// <summary>The topic.</summary>
    public string Topic { get; } = topic;

    /// <summary>When the peer was grafted into our mesh, or -1 when it is not in it.</summary>
    public long GraftedAt { get; set; } = -1;

    /// <summary>P2 counter.</summary>
    public double FirstDeliveries { get; set; }

    /// <summary>P4 counter.</summary>
    public double InvalidDeliveries { get; set; }
}

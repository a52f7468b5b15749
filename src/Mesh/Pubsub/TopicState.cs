namespace Rollout.Mesh.Pubsub;

/// <summary>A router's view of one topic: subscribed peers, its mesh (when joined) or fanout (when only publishing).</summary>
internal sealed class TopicState(string name)
{
    /// <summary>The topic.</summary>
    public string Name { get; } = name;

    /// <summary>True when this router joined the topic.</summary>
    public bool Joined { get; set; }

    /// <summary>Connected peers that announced the topic.</summary>
    public IndexedSet<PeerState> Subscribers { get; } = new();

    /// <summary>Mesh peers (joined topics only).</summary>
    public List<PeerState> Mesh { get; } = [];

    /// <summary>Fanout peers (topics published on without joining).</summary>
    public List<PeerState> Fanout { get; } = [];

    /// <summary>When we last published on the topic without having joined it.</summary>
    public long LastPublished { get; set; } = long.MinValue;
}

namespace Rollout.Mesh.Pubsub;

/// <summary>
/// A router's view of one topic: subscribed peers, its mesh (when joined) or fanout (when only publishing).
/// <paramref name="membershipChanged"/> hears of a peer entering its first mesh or leaving its last.
/// </summary>
internal sealed class TopicState(string name, Action<PeerState> membershipChanged)
{
    /// <summary>The topic.</summary>
    public string Name { get; } = name;

    /// <summary>True when this router joined the topic.</summary>
    public bool Joined { get; set; }

    /// <summary>Connected peers that announced the topic.</summary>
    public IndexedSet<PeerState> Subscribers { get; } = new();

    /// <summary>Mesh peers (joined topics only). Change it only through <see cref="AddToMesh"/>,
    /// <see cref="RemoveFromMesh"/> and <see cref="ClearMesh"/>, which keep <see cref="PeerState.MeshTopics"/>
    /// and <see cref="OutboundInMesh"/>.</summary>
    public List<PeerState> Mesh { get; } = [];

    /// <summary>How many mesh peers we dialed: the heartbeat's Dout test reads this instead of every mesh peer.</summary>
    public int OutboundInMesh { get; private set; }

    /// <summary>Fanout peers (topics published on without joining).</summary>
    public List<PeerState> Fanout { get; } = [];

    /// <summary>When we last published on the topic without having joined it.</summary>
    public long LastPublished { get; set; } = long.MinValue;

    /// <summary>Adds a peer to the mesh; false when it is there already.</summary>
    public bool AddToMesh(PeerState peer)
    {
        if (Mesh.Contains(peer)) return false;
        Mesh.Add(peer);
        if (peer.Outbound) OutboundInMesh++;
        if (peer.MeshTopics++ == 0) membershipChanged(peer);
        return true;
    }

    /// <summary>Removes a peer from the mesh; false when it was not there.</summary>
    public bool RemoveFromMesh(PeerState peer)
    {
        if (!Mesh.Remove(peer)) return false;
        if (peer.Outbound) OutboundInMesh--;
        if (--peer.MeshTopics == 0) membershipChanged(peer);
        return true;
    }

    /// <summary>Empties the mesh.</summary>
    public void ClearMesh()
    {
        foreach (var peer in Mesh)
        {
            if (--peer.MeshTopics == 0) membershipChanged(peer);
        }
        Mesh.Clear();
        OutboundInMesh = 0;
    }
}

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
    /// <see cref="RemoveFromMesh"/> and <see cref="ClearMesh"/>, which keep <see cref="PeerState.MeshTopics"/>,
    /// <see cref="OutboundInMesh"/> and <see cref="MeshTargets"/>.</summary>
    public List<PeerState> Mesh { get; } = [];

    /// <summary>
    /// Each mesh peer's ID and its hash, at the peer's index in <see cref="Mesh"/>: forwarding a message
    /// tells the author apart and addresses every mesh peer from this list, without loading a peer's state.
    /// </summary>
    public List<MeshTarget> MeshTargets { get; } = [];

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
        MeshTargets.Add(new MeshTarget(peer.Id, peer.PeerHash));
        if (peer.Outbound) OutboundInMesh++;
        if (peer.MeshTopics++ == 0) membershipChanged(peer);
        return true;
    }

    /// <summary>Removes a peer from the mesh; false when it was not there.</summary>
    public bool RemoveFromMesh(PeerState peer)
    {
        var at = Mesh.IndexOf(peer);
        if (at < 0) return false;
        Mesh.RemoveAt(at);
        MeshTargets.RemoveAt(at);
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
        MeshTargets.Clear();
        OutboundInMesh = 0;
    }
}

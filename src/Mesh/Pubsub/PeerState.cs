using Rollout.Mesh.Identity;
using Rollout.Mesh.Transport;

namespace Rollout.Mesh.Pubsub;

/// <summary>What a router knows about one connected peer, and the host's link to it. Owned by that router.</summary>
internal sealed class PeerState(PeerId id, ConnectionDirection direction, SignedPeerRecord? record, PeerScoreState score) : PeerLink(id)
{
    /// <summary>The peer.</summary>
    public PeerId Id => Peer;

    /// <summary>True when we dialed it.</summary>
    public bool Outbound { get; } = direction == ConnectionDirection.Outbound;

    /// <summary>Its signed record, handed on in PX.</summary>
    public SignedPeerRecord? Record { get; set; } = record;

    /// <summary>Its score counters.</summary>
    public PeerScoreState Score { get; } = score;

    /// <summary>
    /// Set once anything in <see cref="Score"/> could make the score negative (see
    /// <see cref="PeerScoreBook.CannotBeNegative"/>), and never cleared: until then an RPC from the
    /// peer passes the thresholds at or below zero without its score state being read.
    /// </summary>
    public bool ScoreMayBeNegative { get; set; }

    /// <summary>Topics it announced (an array: a light peer has one or two, and a list costs twice the memory).</summary>
    public string[] Topics { get; set; } = [];

    /// <summary>Joined topics whose mesh holds it: a host asks <see cref="GossipSubRouter.IsMeshPeer"/> without a lookup.</summary>
    public int MeshTopics { get; set; }

    /// <summary>IHAVE messages taken from it this heartbeat (see <see cref="CountFrom"/>).</summary>
    public int IHavesThisHeartbeat { get; set; }

    /// <summary>Message IDs asked of it this heartbeat (see <see cref="CountFrom"/>).</summary>
    public int AskedThisHeartbeat { get; set; }

    // The heartbeat the two counts belong to.
    private long _countedHeartbeat;

    /// <summary>
    /// Zeroes the two per-heartbeat counts when they belong to an earlier heartbeat than
    /// <paramref name="heartbeat"/>: called before they are read, so a heartbeat need not visit every peer to reset them.
    /// </summary>
    public void CountFrom(long heartbeat)
    {
        if (_countedHeartbeat == heartbeat) return;
        _countedHeartbeat = heartbeat;
        IHavesThisHeartbeat = 0;
        AskedThisHeartbeat = 0;
    }
}

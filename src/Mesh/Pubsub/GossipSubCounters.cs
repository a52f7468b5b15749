namespace Rollout.Mesh.Pubsub;

/// <summary>
/// Running totals of one router, for the rollout's checks (mesh churn, PX volume, message loss) and
/// the simulator's reports. Written only by the owning router, which holds them in place (a struct:
/// counting a duplicate copy writes the router's own memory, not a separate object);
/// <see cref="GossipSubRouter.Counters"/> is a snapshot.
/// </summary>
public struct GossipSubCounters
{
    /// <summary>Peers added to one of our meshes (by our GRAFT or by accepting theirs).</summary>
    public long MeshAdded { get; internal set; }

    /// <summary>Peers removed from one of our meshes (our PRUNE, theirs, or a disconnect).</summary>
    public long MeshRemoved { get; internal set; }

    /// <summary>PRUNEs sent.</summary>
    public long PrunesSent { get; internal set; }

    /// <summary>Peer records handed on in PRUNEs sent.</summary>
    public long PeerExchangeRecordsSent { get; internal set; }

    /// <summary>Dials made because of peer exchange.</summary>
    public long PeerExchangeDials { get; internal set; }

    /// <summary>GRAFTs refused because they came inside a backoff.</summary>
    public long BackoffViolations { get; internal set; }

    /// <summary>New messages delivered to the application.</summary>
    public long Delivered { get; internal set; }

    /// <summary>Copies of messages already seen.</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Messages the validator rejected.</summary>
    public long Invalid { get; internal set; }

    /// <summary>Message IDs asked for with IWANT.</summary>
    public long IWantRequested { get; internal set; }

    /// <summary>IWANT promises that were not kept.</summary>
    public long BrokenPromises { get; internal set; }

    /// <summary>RPCs ignored because the sender was graylisted.</summary>
    public long GraylistedRpcs { get; internal set; }
}

namespace Rollout.Mesh.Pubsub;

/// <summary>
/// GossipSub v1.1 parameters with BlossomSub 2.0's defaults (DOMAIN.md): D 6, Dlo 5, Dhi 12, Dscore 4,
/// Dout 2, Dlazy 6, heartbeat 1 s (first after 100 ms), PrunePeers 16, PruneBackoff 1 min; the rest
/// are the spec's and go-libp2p-pubsub's defaults. The host owns the heartbeat schedule and reads
/// <see cref="HeartbeatInterval"/> and <see cref="HeartbeatInitialDelay"/> from here.
/// </summary>
public sealed record GossipSubOptions
{
    /// <summary>Target mesh degree.</summary>
    public int D { get; init; } = 6;

    /// <summary>Below this the heartbeat grafts up to D.</summary>
    public int Dlo { get; init; } = 5;

    /// <summary>Above this the heartbeat prunes down to D.</summary>
    public int Dhi { get; init; } = 12;

    /// <summary>Peers kept by score when pruning an oversubscribed mesh.</summary>
    public int Dscore { get; init; } = 4;

    /// <summary>Outbound peers the mesh must hold (sybil resistance).</summary>
    public int Dout { get; init; } = 2;

    /// <summary>Minimum number of peers gossiped to per heartbeat.</summary>
    public int Dlazy { get; init; } = 6;

    /// <summary>Share of non-mesh peers gossiped to, in percent, when that is more than Dlazy.</summary>
    public int GossipFactorPercent { get; init; } = 25;

    /// <summary>How often the host should call the heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>When the host should call the first heartbeat.</summary>
    public TimeSpan HeartbeatInitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A fanout set is dropped when nothing was published on its topic for this long.</summary>
    public TimeSpan FanoutTtl { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Heartbeats a message stays in the message cache (mcache windows).</summary>
    public int HistoryLength { get; init; } = 5;

    /// <summary>The most recent windows whose IDs are gossiped in IHAVE.</summary>
    public int HistoryGossip { get; init; } = 3;

    /// <summary>How long a message ID stays in the seen cache.</summary>
    public TimeSpan SeenTtl { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Most peer records a PRUNE hands on.</summary>
    public int PrunePeers { get; init; } = 16;

    /// <summary>Backoff after a PRUNE.</summary>
    public TimeSpan PruneBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Backoff after leaving a topic.</summary>
    public TimeSpan UnsubscribeBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A GRAFT this soon after a PRUNE is flooding and costs an extra penalty.</summary>
    public TimeSpan GraftFloodThreshold { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Heartbeats between opportunistic grafting rounds.</summary>
    public int OpportunisticGraftTicks { get; init; } = 60;

    /// <summary>Peers grafted per opportunistic round.</summary>
    public int OpportunisticGraftPeers { get; init; } = 2;

    /// <summary>Times a message is sent to one peer in answer to IWANT.</summary>
    public int GossipRetransmission { get; init; } = 3;

    /// <summary>Most message IDs asked of one peer per heartbeat.</summary>
    public int MaxIHaveLength { get; init; } = 5000;

    /// <summary>Most IHAVE messages taken from one peer per heartbeat.</summary>
    public int MaxIHaveMessages { get; init; } = 10;

    /// <summary>A peer that does not deliver an IWANTed message within this time broke its promise.</summary>
    public TimeSpan IWantFollowupTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Own messages go to every subscribed peer above the publish threshold, not only the mesh.</summary>
    public bool FloodPublish { get; init; } = true;

    /// <summary>PRUNE carries peer records (and PX received from peers above the threshold is used).</summary>
    public bool PeerExchange { get; init; } = true;

    /// <summary>Peer score weights.</summary>
    public PeerScoreParams Score { get; init; } = new();

    /// <summary>Peer score thresholds.</summary>
    public PeerScoreThresholds Thresholds { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> when the degrees break the spec's constraints.</summary>
    public void Validate()
    {
        var noMesh = D == 0 && Dlo == 0 && Dhi == 0 && Dscore == 0 && Dout == 0;
        if (!noMesh)
        {
            if (!(0 < Dlo && Dlo <= D && D <= Dhi)) throw new ArgumentException($"need 0 < Dlo ({Dlo}) <= D ({D}) <= Dhi ({Dhi})");
            if (Dscore < 0 || Dscore > Dhi) throw new ArgumentException($"Dscore ({Dscore}) must be within 0..Dhi ({Dhi})");
            if (Dout < 0 || Dout >= Dlo || Dout > D / 2) throw new ArgumentException($"Dout ({Dout}) must be below Dlo ({Dlo}) and at most D/2 ({D / 2})");
        }
        if (Dlazy < 0 || GossipFactorPercent is < 0 or > 100) throw new ArgumentException("Dlazy and the gossip factor must not be negative");
        if (HistoryGossip < 1 || HistoryGossip > HistoryLength) throw new ArgumentException($"need 1 <= HistoryGossip ({HistoryGossip}) <= HistoryLength ({HistoryLength})");
        if (HeartbeatInterval <= TimeSpan.Zero) throw new ArgumentException("the heartbeat interval must be positive");
        if (PrunePeers < 0) throw new ArgumentException("PrunePeers must not be negative");
        Score.Validate();
        Thresholds.Validate();
    }
}

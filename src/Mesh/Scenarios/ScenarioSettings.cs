using Rollout.Mesh.Connections;

namespace Rollout.Mesh.Scenarios;

/// <summary>
/// Everything a scenario run is made of: population, mesh and watermark settings, network and the
/// injected faults. Defaults are the rollout's configuration at test scale; the CLI overrides them.
/// </summary>
public sealed record ScenarioSettings
{
    /// <summary>Light peers.</summary>
    public int Peers { get; init; } = 1_000;

    /// <summary>Relays.</summary>
    public int Relays { get; init; } = 5;

    /// <summary>Bootstraps.</summary>
    public int Bootstraps { get; init; } = 4;

    /// <summary>The run seed: same seed, same report.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The most threads a run may use.</summary>
    public const int MaxThreads = 64;

    /// <summary>Threads the simulation runs on (1 to <see cref="MaxThreads"/>); the report does not depend on it, only the wall time.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>This machine's processors, at most <see cref="MaxThreads"/>: the thread count for a run that should finish soonest.</summary>
    public static int MachineThreads => Math.Min(Environment.ProcessorCount, MaxThreads);

    /// <summary>Heartbeat of every role.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The heartbeat the seed's "three heartbeats" is counted in (BlossomSub 2.0's 1 s).</summary>
    public TimeSpan ReferenceHeartbeat { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Peer exchange: how many reference heartbeats a peer may stay on a bootstrap before its PRUNE with PX (the seed's three).</summary>
    public int PruneBudgetHeartbeats { get; init; } = 3;

    /// <summary>Light peers' mesh degree D.</summary>
    public int D { get; init; } = 6;

    /// <summary>Light peers' Dlo.</summary>
    public int Dlo { get; init; } = 5;

    /// <summary>Light peers' Dhi.</summary>
    public int Dhi { get; init; } = 12;

    /// <summary>PX records per PRUNE (every role; a bootstrap's PRUNE size follows it).</summary>
    public int PrunePeers { get; init; } = 16;

    /// <summary>Bootstraps' low watermark.</summary>
    public int BootstrapLowWater { get; init; } = 52_428;

    /// <summary>Bootstraps' high watermark.</summary>
    public int BootstrapHighWater { get; init; } = 65_536;

    /// <summary>Bootstraps' connection manager grace period: younger connections are never trimmed.</summary>
    public TimeSpan BootstrapGracePeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Bootstraps' connection manager silence period (between trims; a silent zero-stream connection is dead after it).</summary>
    public TimeSpan BootstrapSilencePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bootstraps refuse connections at the high watermark (the 2.0 bootstrap build) instead of trimming later.</summary>
    public bool BootstrapHardHighWater { get; init; } = true;

    /// <summary>Bootstraps' trim order.</summary>
    public TrimOrder BootstrapTrimOrder { get; init; } = TrimOrder.ZeroStreamsThenMostStreams;

    /// <summary>Peers per join wave; 0 means a twentieth of the peers.</summary>
    public int WaveSize { get; init; }

    /// <summary>Time between join waves.</summary>
    public TimeSpan WaveInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bootstraps a light peer dials at start (relays dial all).</summary>
    public int BootstrapsPerPeer { get; init; } = 2;

    /// <summary>Bootstraps a peer tries before giving up.</summary>
    public int BootstrapAttempts { get; init; } = 4;

    /// <summary>One-way link latency.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Loss probability per message on every link.</summary>
    public double Loss { get; init; }

    /// <summary>Routing: loss probability on every link from the first message on (the mesh is built on clean links).</summary>
    public double PublishLoss { get; init; }

    /// <summary>Bootstrap uplink, bytes per second (1 Gbit/s).</summary>
    public long BootstrapUplink { get; init; } = 125_000_000;

    /// <summary>Relay uplink, bytes per second (1 Gbit/s).</summary>
    public long RelayUplink { get; init; } = 125_000_000;

    /// <summary>Relay outbound queue bound, bytes.</summary>
    public long RelayQueueLimit { get; init; } = 64L << 20;

    /// <summary>Light peer uplink, bytes per second (100 Mbit/s).</summary>
    public long LightUplink { get; init; } = 12_500_000;

    /// <summary>Light peer outbound queue bound, bytes.</summary>
    public long LightQueueLimit { get; init; } = 16L << 20;

    /// <summary>Routing: messages published, one publisher after another.</summary>
    public int Messages { get; init; } = 50;

    /// <summary>Routing: a message must reach every subscriber within this time.</summary>
    public TimeSpan MessageTtl { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Routing: time between two publishers.</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Routing: payload bytes per message.</summary>
    public int PayloadBytes { get; init; } = 256;

    /// <summary>Routing: peers publish to relays only, the way NATed light peers reach the mesh.</summary>
    public bool PublishThroughRelays { get; init; }

    /// <summary>Mesh stability: peers that crash and restart every <see cref="CrashPeriod"/>.</summary>
    public int CrashingPeers { get; init; }

    /// <summary>Mesh stability: how often a crashing peer crashes.</summary>
    public TimeSpan CrashPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Mesh stability: peers that leave and rejoin the topic every other heartbeat.</summary>
    public int ThrashingPeers { get; init; }

    /// <summary>Mesh stability: the most mesh changes per honest peer per minute that count as minimal rebuilding.</summary>
    public double MaxRebuildsPerPeerMinute { get; init; } = 1.0;

    /// <summary>Mesh stability: behaviour penalty threshold for light peers (the seed's "decay threshold").</summary>
    public double BehaviourPenaltyThreshold { get; init; } = 6;

    /// <summary>Prover enrollment: provers enrolling.</summary>
    public int Provers { get; init; } = 2_000;

    /// <summary>Prover enrollment: the subshard threshold.</summary>
    public int SubshardThreshold { get; init; } = 32;

    /// <summary>Prover enrollment: provers whose view of the slots lags a frame (they miss slot updates).</summary>
    public int StaleProvers { get; init; }

    /// <summary>Upper limits: the watermarks tried, ascending; empty means 1/4, 1/2, 1, 2, 4, 8, 16 × peers per bootstrap.</summary>
    public IReadOnlyList<int> WatermarkSweep { get; init; } = [];

    /// <summary>Upper limits: the highest watermark the bootstraps may safely be set to (the resource manager's bound).</summary>
    public int MaxSafeWatermark { get; init; } = 65_536;

    /// <summary>Upper limits: the multiple of the current peer count the bootstraps must be able to serve (the seed's 10).</summary>
    public int PeerMultiple { get; init; } = 10;

    /// <summary>Upper limits: the largest multiplied population run to confirm the extrapolation (larger ones stay extrapolated).</summary>
    public int UpperLimitsConfirmPeers { get; init; } = 20_000;

    /// <summary>The effective wave size.</summary>
    public int EffectiveWaveSize => WaveSize > 0 ? WaveSize : Math.Max(1, Peers / 20);

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        static void Check(bool ok, string field, object value)
        {
            if (!ok) throw new InvalidDataException($"scenario settings.{field}: {value} is out of range");
        }
        Check(Peers >= 2, "peers", Peers);
        Check(Threads is >= 1 and <= MaxThreads, "threads", Threads);
        Check(Relays >= 0, "relays", Relays);
        Check(Bootstraps >= 1, "bootstraps", Bootstraps);
        Check(Heartbeat > TimeSpan.Zero, "heartbeat", Heartbeat);
        Check(PruneBudgetHeartbeats >= 1, "prune_budget_heartbeats", PruneBudgetHeartbeats);
        Check(BootstrapGracePeriod >= TimeSpan.Zero && BootstrapSilencePeriod >= TimeSpan.Zero, "grace_period", $"grace {BootstrapGracePeriod}, silence {BootstrapSilencePeriod}");
        Check(PeerMultiple >= 1, "peer_multiple", PeerMultiple);
        Check(Dlo >= 1 && Dlo <= D && D <= Dhi, "d", $"D {D}, Dlo {Dlo}, Dhi {Dhi}");
        Check(PrunePeers >= 0, "prune_peers", PrunePeers);
        Check(BootstrapLowWater >= 0 && BootstrapLowWater < BootstrapHighWater, "watermark", $"{BootstrapLowWater}/{BootstrapHighWater}");
        Check(BootstrapAttempts >= 1, "bootstrap_attempts", BootstrapAttempts);
        Check(BootstrapsPerPeer >= 1 && BootstrapsPerPeer <= BootstrapAttempts, "bootstraps_per_peer", BootstrapsPerPeer);
        Check(Loss is >= 0 and < 1, "loss", Loss);
        Check(PublishLoss is >= 0 and < 1, "publish_loss", PublishLoss);
        Check(Messages >= 1, "messages", Messages);
        Check(CrashingPeers + ThrashingPeers < Peers, "faulty peers", CrashingPeers + ThrashingPeers);
        Check(StaleProvers <= Provers && Provers >= 1, "provers", Provers);
        Check(SubshardThreshold >= 1, "subshard_threshold", SubshardThreshold);
    }
}

namespace Rollout.Mesh.Pubsub;

/// <summary>
/// Weights of the peer score. One set applies to every topic (GossipSub lets each topic have its
/// own; Rollout's topics are few and alike). Counters decay by their factor once per
/// <see cref="DecayInterval"/> and drop to zero below <see cref="DecayToZero"/>. Mesh-delivery
/// deficits (P3, P3b) and IP colocation (P6) are not scored: the simulator has no IPs and the
/// rollout's checks look at misbehaviour, not delivery rates.
/// </summary>
public sealed record PeerScoreParams
{
    /// <summary>P1 weight per <see cref="TimeInMeshQuantum"/> spent in our mesh.</summary>
    public double TimeInMeshWeight { get; init; } = 0.01;

    /// <summary>P1 time unit.</summary>
    public TimeSpan TimeInMeshQuantum { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>P1 cap, in quanta.</summary>
    public double TimeInMeshCap { get; init; } = 100;

    /// <summary>P2 weight per message first delivered by the peer.</summary>
    public double FirstMessageDeliveriesWeight { get; init; } = 1;

    /// <summary>P2 decay factor.</summary>
    public double FirstMessageDeliveriesDecay { get; init; } = 0.9;

    /// <summary>P2 cap.</summary>
    public double FirstMessageDeliveriesCap { get; init; } = 100;

    /// <summary>P4 weight, applied to the square of the invalid-message counter (negative).</summary>
    public double InvalidMessageDeliveriesWeight { get; init; } = -100;

    /// <summary>P4 decay factor.</summary>
    public double InvalidMessageDeliveriesDecay { get; init; } = 0.99;

    /// <summary>P5 weight of the application-specific score (allow-listed bootstraps get theirs here).</summary>
    public double AppSpecificWeight { get; init; } = 1;

    /// <summary>Application score of an allow-listed peer: enough to pass the accept-PX threshold.</summary>
    public double AllowListedScore { get; init; } = 100;

    /// <summary>P7 weight, applied to the square of the behaviour penalty above its threshold (negative).</summary>
    public double BehaviourPenaltyWeight { get; init; } = -10;

    /// <summary>P7 penalty tolerated before it counts: the rollout's "misbehaviour decay threshold".</summary>
    public double BehaviourPenaltyThreshold { get; init; } = 6;

    /// <summary>P7 decay factor: graft spam, backoff violations and broken IWANT promises fade at this rate.</summary>
    public double BehaviourPenaltyDecay { get; init; } = 0.99;

    /// <summary>How often counters decay.</summary>
    public TimeSpan DecayInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A decayed counter below this becomes zero.</summary>
    public double DecayToZero { get; init; } = 0.01;

    /// <summary>How long a disconnected peer's score is kept, so reconnecting does not wash penalties away.</summary>
    public TimeSpan RetainScore { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws when a weight has the wrong sign or a decay is not in (0, 1).</summary>
    public void Validate()
    {
        if (InvalidMessageDeliveriesWeight > 0 || BehaviourPenaltyWeight > 0)
        {
            throw new ArgumentException("invalid-message and behaviour-penalty weights must not be positive");
        }
        foreach (var decay in new[] { FirstMessageDeliveriesDecay, InvalidMessageDeliveriesDecay, BehaviourPenaltyDecay })
        {
            if (decay is <= 0 or >= 1) throw new ArgumentException($"decay factor {decay} is not in (0, 1)");
        }
        if (DecayInterval <= TimeSpan.Zero || TimeInMeshQuantum <= TimeSpan.Zero)
        {
            throw new ArgumentException("decay interval and time-in-mesh quantum must be positive");
        }
    }
}

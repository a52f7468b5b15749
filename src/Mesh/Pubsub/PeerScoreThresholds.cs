namespace Rollout.Mesh.Pubsub;

/// <summary>
/// The score thresholds of GossipSub v1.1, with BlossomSub 2.0's values (DOMAIN.md): below
/// <see cref="Gossip"/> a peer gets and gives no gossip, below <see cref="Publish"/> it gets none of
/// our own messages, below <see cref="Graylist"/> everything it sends is ignored; PX is accepted
/// only from peers at or above <see cref="AcceptPeerExchange"/>, and opportunistic grafting runs
/// when the mesh's median score falls below <see cref="OpportunisticGraft"/>.
/// </summary>
public sealed record PeerScoreThresholds
{
    /// <summary>Gossip threshold.</summary>
    public double Gossip { get; init; } = -2000;

    /// <summary>Publish threshold.</summary>
    public double Publish { get; init; } = -5000;

    /// <summary>Graylist threshold.</summary>
    public double Graylist { get; init; } = -10000;

    /// <summary>Accept-PX threshold.</summary>
    public double AcceptPeerExchange { get; init; } = 1;

    /// <summary>Opportunistic graft threshold.</summary>
    public double OpportunisticGraft { get; init; } = 2;

    /// <summary>Throws when the thresholds are out of the order the spec requires.</summary>
    public void Validate()
    {
        if (!(Gossip <= 0 && Publish <= Gossip && Graylist <= Publish))
        {
            throw new ArgumentException($"thresholds must satisfy 0 >= gossip ({Gossip}) >= publish ({Publish}) >= graylist ({Graylist})");
        }
        if (AcceptPeerExchange < 0 || OpportunisticGraft < 0)
        {
            throw new ArgumentException("accept-PX and opportunistic-graft thresholds must not be negative");
        }
    }
}

namespace Rollout.Mesh.Transport;

/// <summary>Who dialed: GossipSub's Dout quota and the connection manager's trim order both care.</summary>
public enum ConnectionDirection
{
    /// <summary>The remote peer dialed us.</summary>
    Inbound,

    /// <summary>We dialed the remote peer.</summary>
    Outbound,
}

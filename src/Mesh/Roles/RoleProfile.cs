using Rollout.Mesh.Connections;
using Rollout.Mesh.Pubsub;

namespace Rollout.Mesh.Roles;

/// <summary>The pubsub and connection settings of one role.</summary>
public sealed record RoleProfile(NodeRole Role, GossipSubOptions Gossip, ConnectionManagerOptions Connections)
{
    /// <summary>
    /// A bootstrap: D = Dlo = Dhi = Dscore = Dout = 0 (the 2.0 bootstrap build), so every GRAFT is
    /// answered with PRUNE and PX; no gossip of its own; the high watermark is a hard bound and dead
    /// connections are swept with the rollout seed's trim order.
    /// </summary>
    public static RoleProfile Bootstrap { get; } = new(
        NodeRole.Bootstrap,
        new GossipSubOptions { D = 0, Dlo = 0, Dhi = 0, Dscore = 0, Dout = 0, Dlazy = 0, GossipFactorPercent = 0, FloodPublish = false },
        new ConnectionManagerOptions { HardHighWater = true, TrimOrder = TrimOrder.ZeroStreamsThenMostStreams });

    /// <summary>A relay: twice the default degree, wide gossip, thousands of connections.</summary>
    public static RoleProfile Relay { get; } = new(
        NodeRole.Relay,
        new GossipSubOptions { D = 12, Dlo = 10, Dhi = 24, Dscore = 8, Dout = 4, Dlazy = 12 },
        new ConnectionManagerOptions { LowWater = 2048, HighWater = 2560 });

    /// <summary>A full node: BlossomSub 2.0 and connection manager defaults.</summary>
    public static RoleProfile FullNode { get; } = new(NodeRole.FullNode, new GossipSubOptions(), new ConnectionManagerOptions());

    /// <summary>A light peer: default mesh degree, few connections.</summary>
    public static RoleProfile LightPeer { get; } = new(
        NodeRole.LightPeer,
        new GossipSubOptions(),
        new ConnectionManagerOptions { LowWater = 24, HighWater = 32 });

    /// <summary>The profile of a role.</summary>
    public static RoleProfile For(NodeRole role) => role switch
    {
        NodeRole.Bootstrap => Bootstrap,
        NodeRole.Relay => Relay,
        NodeRole.FullNode => FullNode,
        NodeRole.LightPeer => LightPeer,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };
}

namespace Rollout.Mesh.Roles;

/// <summary>The kinds of node in the rollout's network.</summary>
public enum NodeRole
{
    /// <summary>Keeps no mesh, answers every GRAFT with a PRUNE carrying PX, bounded hard by its high watermark.</summary>
    Bootstrap,

    /// <summary>High mesh degree and many connections: carries traffic for light peers.</summary>
    Relay,

    /// <summary>A full node with the reference network's defaults.</summary>
    FullNode,

    /// <summary>A small peer with few connections.</summary>
    LightPeer,
}

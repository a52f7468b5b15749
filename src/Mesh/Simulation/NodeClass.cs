namespace Rollout.Mesh.Simulation;

/// <summary>The kinds of node in a rollout mesh; each has its own link and uplink parameters.</summary>
public enum NodeClass : byte
{
    /// <summary>A bootstrap: hands peers on, keeps no mesh.</summary>
    Bootstrap,

    /// <summary>A relay: well connected, high bandwidth, forwards for light peers.</summary>
    Relay,

    /// <summary>A light peer: small uplink, the bulk of a load test.</summary>
    Light,

    /// <summary>A full node.</summary>
    Full,
}

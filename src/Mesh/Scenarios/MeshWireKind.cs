namespace Rollout.Mesh.Scenarios;

/// <summary>What a <see cref="MeshWire"/> carries: the connection handshake the simulator lacks, or an RPC.</summary>
public enum MeshWireKind : byte
{
    /// <summary>A dial: the sender's signed record, asking for a connection.</summary>
    Dial,

    /// <summary>The dialed peer admitted the connection.</summary>
    Accept,

    /// <summary>The connection is closed (or was refused, or is unknown to the sender: a stream reset).</summary>
    Close,

    /// <summary>A pubsub RPC on an open connection.</summary>
    Rpc,
}

namespace Rollout.Mesh.Connections;

/// <summary>Which connections a trim closes first.</summary>
public enum TrimOrder
{
    /// <summary>
    /// go-libp2p's connmgr: lowest tag value first, then connections without streams, then inbound,
    /// then fewer streams.
    /// </summary>
    GoLibp2p,

    /// <summary>
    /// The rollout seed's resolution for bootstraps that do not clean up dead connections: zero-stream
    /// connections first of all (longest silent first), then by stream count from high to low; and
    /// dead connections are swept even below the high watermark.
    /// </summary>
    ZeroStreamsThenMostStreams,
}

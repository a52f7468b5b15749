namespace Rollout.Deployer.Plans;

/// <summary>The connection manager's trim order, the setting the seed's Connection Management resolution changes.</summary>
public enum TrimOrder
{
    /// <summary>go-libp2p connmgr: lowest tag value, no streams, inbound, fewer streams first.</summary>
    Libp2pDefault,

    /// <summary>The seed's resolution: stream count high to low, except zero streams ranked first of all.</summary>
    StreamsDescendingZeroFirst,
}

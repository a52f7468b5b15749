namespace Rollout.Deployer.Plans;

/// <summary>Gossip mesh and connection-manager settings handed to the network's nodes (BlossomSub 2.0 defaults).</summary>
/// <param name="D">Target mesh degree.</param>
/// <param name="Dlo">Lower bound before grafting.</param>
/// <param name="Dhi">Upper bound before pruning.</param>
/// <param name="Dscore">Peers kept by score when pruning.</param>
/// <param name="Dout">Outbound peers kept in the mesh.</param>
/// <param name="Dlazy">Peers gossiped to outside the mesh.</param>
/// <param name="Heartbeat">Gossip heartbeat interval.</param>
/// <param name="WatermarkLow">Connection manager trims down to this many connections.</param>
/// <param name="WatermarkHigh">Connection manager starts trimming at this many connections.</param>
/// <param name="GracePeriod">New connections are not trimmed within this time.</param>
/// <param name="SilencePeriod">Minimum time between two trims.</param>
/// <param name="TrimOrder">Which connections the manager closes first.</param>
public sealed record MeshSettings(
    int D, int Dlo, int Dhi, int Dscore, int Dout, int Dlazy,
    TimeSpan Heartbeat, int WatermarkLow, int WatermarkHigh, TimeSpan GracePeriod, TimeSpan SilencePeriod,
    TrimOrder TrimOrder)
{
    /// <summary>The BlossomSub 2.0 and go-libp2p connmgr defaults (DOMAIN.md).</summary>
    public static MeshSettings Defaults { get; } = new(
        6, 5, 12, 4, 2, 6, TimeSpan.FromSeconds(1), 160, 192, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10),
        TrimOrder.Libp2pDefault);
}

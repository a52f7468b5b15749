using Rollout.Mesh.Connections;
using Rollout.Mesh.Roles;

namespace Rollout.Mesh.Scenarios;

/// <summary>The three role profiles of a run: the shipped presets with the settings' heartbeat, degrees, PX size and watermarks.</summary>
public sealed class ScenarioProfiles
{
    /// <summary>Builds the profiles.</summary>
    public ScenarioProfiles(ScenarioSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bootstrap = RoleProfile.Bootstrap;
        Bootstrap = bootstrap with
        {
            Gossip = bootstrap.Gossip with { HeartbeatInterval = settings.Heartbeat, PrunePeers = settings.PrunePeers },
            Connections = bootstrap.Connections with
            {
                LowWater = settings.BootstrapLowWater,
                HighWater = settings.BootstrapHighWater,
                HardHighWater = settings.BootstrapHardHighWater,
                TrimOrder = settings.BootstrapTrimOrder,
                GracePeriod = settings.BootstrapGracePeriod,
                SilencePeriod = settings.BootstrapSilencePeriod,
            },
        };
        var relay = RoleProfile.Relay;
        Relay = relay with { Gossip = relay.Gossip with { HeartbeatInterval = settings.Heartbeat, PrunePeers = settings.PrunePeers } };
        var light = RoleProfile.LightPeer;
        Light = light with
        {
            Gossip = light.Gossip with
            {
                HeartbeatInterval = settings.Heartbeat,
                PrunePeers = settings.PrunePeers,
                D = settings.D,
                Dlo = settings.Dlo,
                Dhi = settings.Dhi,
                Dscore = Math.Min(light.Gossip.Dscore, settings.Dhi),
                Dout = Math.Min(light.Gossip.Dout, Math.Min(settings.Dlo - 1, settings.D / 2)),
                Score = light.Gossip.Score with { BehaviourPenaltyThreshold = settings.BehaviourPenaltyThreshold },
            },
            // Room for the mesh, gossip peers and the PX dials a join brings.
            Connections = new ConnectionManagerOptions { LowWater = Math.Max(24, settings.Dhi * 2), HighWater = Math.Max(32, settings.Dhi * 3) },
        };
    }

    /// <summary>Bootstraps.</summary>
    public RoleProfile Bootstrap { get; }

    /// <summary>Relays.</summary>
    public RoleProfile Relay { get; }

    /// <summary>Light peers.</summary>
    public RoleProfile Light { get; }
}

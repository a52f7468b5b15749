using Rollout.Mesh.Connections;
using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Roles;

/// <summary>
/// The bootstrap list every node ships with. Other nodes protect bootstraps in their connection
/// manager and allow-list them in pubsub scoring, so the bootstraps' PX is accepted.
/// </summary>
public sealed class BootstrapPeers
{
    /// <summary>Tag under which bootstrap connections are protected.</summary>
    public const string ProtectionTag = "bootstrap";

    private readonly HashSet<PeerId> _ids;

    /// <summary>Builds the list from signed records; throws <see cref="InvalidDataException"/> naming the record whose signature fails.</summary>
    public BootstrapPeers(IReadOnlyList<SignedPeerRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        for (var i = 0; i < records.Count; i++)
        {
            if (!records[i].Verify()) throw new InvalidDataException($"bootstrap list[{i}].signature: record of {records[i].PeerId} does not verify");
        }
        Records = records;
        _ids = [.. records.Select(r => r.PeerId)];
    }

    /// <summary>The bootstraps' records (what a node dials at start).</summary>
    public IReadOnlyList<SignedPeerRecord> Records { get; }

    /// <summary>The bootstraps' IDs, for the pubsub allow-list.</summary>
    public IReadOnlySet<PeerId> AllowList => _ids;

    /// <summary>True when the peer is a bootstrap.</summary>
    public bool Contains(PeerId peer) => _ids.Contains(peer);

    /// <summary>Protects every bootstrap in a connection manager.</summary>
    public void ProtectIn(ConnectionManager connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        foreach (var id in _ids) connections.Protect(id, ProtectionTag);
    }
}

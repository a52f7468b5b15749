using System.Security.Cryptography;
using System.Text;
using Rollout.Mesh.Identity;

namespace Rollout.Token.Tests.Snapshots;

/// <summary>Deterministic SHA2-256 peer IDs ("Qm…"), the form Quilibrium's Ed448 peers have.</summary>
public static class TestPeers
{
    public static PeerId Make(int seed)
    {
        var multihash = new byte[34];
        multihash[0] = 0x12;
        multihash[1] = 0x20;
        SHA256.HashData(Encoding.UTF8.GetBytes("peer " + seed)).CopyTo(multihash, 2);
        return PeerId.TryFromMultihash(multihash, out var peerId, out _) ? peerId! : throw new InvalidOperationException();
    }

    public static string Text(int seed) => Make(seed).Text;
}

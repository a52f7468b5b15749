using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Rollout.Deployer.MeshChecks;

/// <summary>
/// The seed of a deployment's simulated runs: the first eight bytes (big-endian) of SHA-256 over the deployment
/// id, so every run and every resume of one deployment simulates the same network, and a different deployment
/// a different one. The plan has no seed setting; the seed is written into each result's detail instead.
/// </summary>
public static class SimulationSeed
{
    private const string Domain = "rollout mesh check seed\n";

    /// <summary>The seed of deployment <paramref name="deploymentId"/>.</summary>
    public static ulong For(string deploymentId)
    {
        ArgumentNullException.ThrowIfNull(deploymentId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Domain + deploymentId));
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}

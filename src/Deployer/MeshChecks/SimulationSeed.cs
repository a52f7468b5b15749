using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Rollout;

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

    /// <summary>
    /// The deployment whose journal <paramref name="context"/> carries, or null in a dry run. The check context
    /// names no deployment, but the runner hands its journal in as the outside-action log.
    /// </summary>
    public static string? DeploymentOf(CheckContext context) =>
        (context ?? throw new ArgumentNullException(nameof(context))).OutsideActions is DeploymentJournal journal ? journal.DeploymentId : null;
}

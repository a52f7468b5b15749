using System.Text;
using Rollout.Deployer.Quorum;
using Rollout.TestSupport;

namespace Rollout.IntegrationTests.Deployer;

/// <summary>The sample rehearsal plan with real signatory and beacon keys, a release binary, the unlock folder and a devchain.</summary>
internal static class QuorumRehearsalPlan
{
    public const string Binary = "node-2.0.0-linux-amd64";

    /// <summary>Writes <c>plan.yaml</c> into <paramref name="folder"/> (release quorum 3, unlock quorum 3) and returns its path.</summary>
    public static string Write(string folder, Uri rpc, IEnumerable<byte[]> signerKeys, byte[] beacon)
    {
        var sample = File.ReadAllText(RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml"));
        var signatories = sample.IndexOf("signatories:", StringComparison.Ordinal);
        var beaconLine = sample.IndexOf("\nbeacon:", StringComparison.Ordinal);
        var text = new StringBuilder()
            .Append(sample[..signatories])
            .Append("signatories:\n")
            .Append(string.Concat(signerKeys.Select(k => $"  - {Convert.ToHexStringLower(Ed448Keys.PublicKeyOf(k))}\n")))
            .Append("quorum:\n  release: 3\n  unlock: 3\n")
            .Append($"\nbeacon: {Convert.ToHexStringLower(beacon)}\n")
            .Append(sample[(sample.IndexOf('\n', beaconLine + 1) + 1)..])
            .ToString()
            .Replace("http://127.0.0.1:8545", rpc.ToString().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("snapshots: ../snapshots", "snapshots: " + RepoPaths.Combine("ops", "samples", "snapshots"), StringComparison.Ordinal)
            + $"\nrelease:\n  binary: {Binary}\n  unlock_folder: unlock\n";
        var path = Path.Combine(folder, "plan.yaml");
        File.WriteAllText(path, text);
        return path;
    }
}

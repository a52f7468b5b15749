using System.Security.Cryptography;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Storage;

namespace Rollout.Deployer.Rehearsal;

/// <summary>
/// What a rehearsal sets up before the deployer runs, as the core team would before mainnet: keys in keystores, a
/// funded deployer, a real 2-of-3 Safe (<see cref="RehearsalChain"/>), a
/// stand-in release binary, and the plan naming them all. Only a Hardhat devchain (chain 31337) is accepted:
/// accounts are funded with <c>hardhat_setBalance</c>.
/// </summary>
internal sealed record RehearsalWorld(string Folder, string PlanPath, RehearsalKeys Keys, Address Safe, string ReleaseBinary, RolloutPlan Plan)
{
    /// <summary>Hardhat's chain id, the only chain a rehearsal runs on.</summary>
    public const ulong DevchainId = 31337;

    /// <summary>Safe owners and their threshold.</summary>
    public const int Owners = 3, Threshold = 2;

    /// <summary>Release signatories.</summary>
    public const int Signatories = 5;

    /// <summary>Creates the world in <paramref name="folder"/> from the rehearsal plan <paramref name="templatePath"/>.</summary>
    public static async Task<RehearsalWorld> CreateAsync(string folder, string templatePath, EthClient client, string passphrase, TextWriter output, CancellationToken cancellationToken)
    {
        var template = PlanReader.Read(templatePath);
        if (template.Network != NetworkProfile.Rehearsal) throw new InvalidDataException($"--plan: {templatePath} is a {template.Network} plan; a rehearsal runs a rehearsal-profile plan only");
        var chainId = await client.ChainIdAsync(cancellationToken);
        if (chainId != DevchainId) throw new InvalidDataException($"--rpc: the endpoint serves chain {chainId}; a rehearsal funds accounts with hardhat_setBalance and runs on a Hardhat devchain (chain {DevchainId}) only");

        var keys = RehearsalKeys.Create(Path.Combine(folder, "keys"), Signatories, Owners, passphrase);
        output.WriteLine($"keys: {Signatories} release signatories, the beacon, the deployer {keys.Deployer}, {Owners} Safe owners, pauser, minter in {Path.Combine(folder, "keys")} (encrypted)");
        await RehearsalChain.FundAsync(client, keys.Deployer, cancellationToken);
        var safe = await RehearsalChain.CreateSafeAsync(client, keys.Owners, Threshold, cancellationToken);
        output.WriteLine($"safe: {safe} ({Threshold} of {Owners}: {string.Join(", ", keys.Owners)})");

        var release = Path.Combine(folder, "release", "node-rehearsal-linux-amd64");
        Directory.CreateDirectory(Path.GetDirectoryName(release)!);
        AtomicFile.WriteAllText(release, $"Rollout rehearsal stand-in release binary {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}\n");
        var planPath = Path.Combine(folder, "plan.yaml");
        AtomicFile.WriteAllText(planPath, RehearsalPlanWriter.Write(File.ReadAllText(templatePath), templatePath, keys, client.Rpc.Endpoint, safe, release));
        var plan = PlanReader.Read(planPath);
        output.WriteLine($"plan: {planPath}");
        return new RehearsalWorld(folder, planPath, keys, safe, release, plan);
    }
}

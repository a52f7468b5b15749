using System.Text.RegularExpressions;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Keystores;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Deployer.Rehearsal;
using Rollout.TestSupport;

namespace Rollout.IntegrationTests.Deployer;

/// <summary>
/// A rehearsal deployment on a devchain, brought (once) to Unlocked: stage 1 passes on the simulator, the release
/// and unlock steps, which this plan gives nothing to measure, are attested; each test then works on its own copy,
/// attesting Unlocked itself, after which MeshStable and ProverEnrollment pass on the simulator and
/// BridgeDeployedPaused runs.
/// The deployer is Hardhat's funded account 0 in a light-KDF keystore; the pauser and minter are accounts 2–3; the
/// Safe is a real 2-of-3 Safe 1.5.0 created on the devchain (by a fresh funded key, so account 0's nonce is only the
/// deployer's) whose three owners' keys lie in light-KDF keystores under the same passphrase, for <c>rollout eth safe-sign</c>.
/// </summary>
internal sealed partial class RehearsalDeployment : IDisposable
{
    public const string Id = "eth-test";
    public const string DeployerPrivateKey = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public const string Deployer = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    public const string Pauser = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    public const string Minter = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
    private const string Passphrase = "rehearsal deployer";
    private static readonly object Gate = new();
    private static RehearsalDeployment? _shared;
    private readonly TempDirectory _folder = new();
    private readonly Uri _rpc;

    public RehearsalDeployment(Uri rpc)
    {
        var keystore = Path.Combine(_folder.Path, "deployer.json");
        File.WriteAllText(keystore, Keystore.Encrypt(KeyType.Secp256k1, Convert.FromHexString(DeployerPrivateKey), Passphrase, new KeystoreOptions(ScryptN: 4096)));
        OwnerKeys = [Secp256k1Key.Generate(), Secp256k1Key.Generate(), Secp256k1Key.Generate()];
        OwnerKeystores = OwnerKeys.Select((key, i) => WriteKeystore($"owner{i}.json", key)).ToArray();
        Owners = OwnerKeys.Select(k => k.Address).ToArray();
        DeployerKeystore = keystore;
        Safe = Task.Run(() => CreateSafeAsync(rpc, Owners)).GetAwaiter().GetResult().ToLowerHex();
        _rpc = rpc;
        PlanPath = WritePlan("plan.yaml", rpc, keystore);
        UnreachablePlanPath = WritePlan("unreachable.yaml", new Uri("http://127.0.0.1:9"), keystore);
        Home = Path.Combine(_folder.Path, "template");
        string[] where = ["--deployment", Id, "--home", Home];
        var run = Rollout(null, ["run", "--plan", PlanPath, .. where]);
        if (run.ExitCode != 4) throw new InvalidOperationException($"rollout run exited {run.ExitCode}: {run.Output}{run.Error}");
        // ReleaseSigned, StasisLocked and UnlockCollecting are attested; Unlocked, the last, each test attests itself.
        for (var i = 0; i < 3; i++)
        {
            var attest = Rollout(null, ["resume", "--attest", "--note", "rehearsal: measured by hand", "--operator", "it", .. where]);
            if (attest.ExitCode != 4) throw new InvalidOperationException($"rollout resume --attest exited {attest.ExitCode}: {attest.Output}{attest.Error}");
        }
    }

    /// <summary>The one template of the test run (built at first use, removed when the process exits); tests work on copies of its home.</summary>
    public static RehearsalDeployment Shared(Uri rpc)
    {
        lock (Gate)
        {
            if (_shared is null)
            {
                _shared = new RehearsalDeployment(rpc);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared.Dispose();
            }
            return _shared;
        }
    }

    /// <summary>The Safe (2 of 3) that holds WrappedQuil's admin role and unpauses it.</summary>
    public string Safe { get; }

    /// <summary>The Safe's owners, and their keystores (same order; passphrase as the deployer's).</summary>
    public IReadOnlyList<Address> Owners { get; }

    /// <inheritdoc cref="Owners"/>
    public IReadOnlyList<string> OwnerKeystores { get; }

    /// <summary>The owners' keys themselves, for a test that acts as the owners outside the deployer.</summary>
    public IReadOnlyList<Secp256k1Key> OwnerKeys { get; }

    /// <summary>The deployer's keystore (not a Safe owner).</summary>
    public string DeployerKeystore { get; }

    /// <summary>The plan: the devchain, the deployer keystore, the Safe, pauser and minter, fault injection on, 10 simulated light peers.</summary>
    public string PlanPath { get; }

    /// <summary>The same plan with an RPC endpoint nobody listens on.</summary>
    public string UnreachablePlanPath { get; }

    /// <summary>The template home, held at Unlocked.</summary>
    public string Home { get; }

    /// <summary>A fresh copy of the template home for one test.</summary>
    public string CopyHome()
    {
        var copy = Path.Combine(_folder.Path, "home-" + Guid.NewGuid().ToString("N")[..8]);
        var from = Path.Combine(Home, Id);
        Directory.CreateDirectory(Path.Combine(copy, Id));
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(copy, Id, Path.GetFileName(file)));
        return copy;
    }

    /// <summary>Runs rollout with the deployer's passphrase in ROLLOUT_PASSPHRASE.</summary>
    public static (int ExitCode, string Output, string Error) Rollout(string? faultPoint, params string[] args) =>
        RolloutProcess.Run(faultPoint, new Dictionary<string, string> { ["ROLLOUT_PASSPHRASE"] = Passphrase }, args);

    public void Dispose()
    {
        foreach (var key in OwnerKeys) key.Dispose();
        _folder.Dispose();
    }

    /// <summary>The plan with its own Safe folder (absolute), for a test that unpauses through the Safe.</summary>
    public (string Plan, string SafeFolder) PlanWithOwnSafeFolder()
    {
        var folder = Path.Combine(_folder.Path, "safe-" + Guid.NewGuid().ToString("N")[..8]);
        return (WritePlan($"plan-{Path.GetFileName(folder)}.yaml", _rpc, DeployerKeystore, folder), folder);
    }

    private string WritePlan(string name, Uri rpc, string keystore, string? safeFolder = null)
    {
        var text = File.ReadAllText(RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml"));
        text = SnapshotsLine().Replace(text, $"snapshots: {RepoPaths.Combine("ops", "samples", "snapshots")}");
        // These tests are about Ethereum: a small simulated network keeps the mesh checks they pass through fast.
        text = LightPeersLine().Replace(text, "    light_peers: 10");
        text = EthereumSection().Replace(text, $"""
            ethereum:
              rpc_url: {rpc}
              chain_id: 31337
              confirmations: 1
              safe: "{Safe}"
              pauser: "{Pauser}"
              minter: "{Minter}"
              deployer_keystore: {keystore}
            {(safeFolder is null ? "" : $"  safe_folder: {safeFolder}\n")}
            """);
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string WriteKeystore(string name, Secp256k1Key key)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, Keystore.Encrypt(KeyType.Secp256k1, key.ExportPrivateKey(), Passphrase, new KeystoreOptions(ScryptN: 4096)));
        return path;
    }

    private static async Task<Address> CreateSafeAsync(Uri rpc, IReadOnlyList<Address> owners)
    {
        using var http = new HttpClient();
        return await RehearsalChain.CreateSafeAsync(new EthClient(new JsonRpcClient(http, new JsonRpcOptions(rpc, TimeSpan.FromSeconds(30), 0))), owners, 2);
    }

    [GeneratedRegex(@"^snapshots: .*$", RegexOptions.Multiline)]
    private static partial Regex SnapshotsLine();

    [GeneratedRegex(@"^    light_peers: \d+", RegexOptions.Multiline)]
    private static partial Regex LightPeersLine();

    [GeneratedRegex(@"^ethereum:\n(  .*\n)+", RegexOptions.Multiline)]
    private static partial Regex EthereumSection();
}

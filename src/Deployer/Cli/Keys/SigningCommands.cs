using System.CommandLine;
using System.Text.Json;
using Rollout.Bridge.Ethereum.Keystores;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Quorum;

namespace Rollout.Deployer.Cli.Keys;

/// <summary>
/// The signers' verbs, each run on the signer's own machine: <c>sign-release</c> (the binary's digest) and
/// <c>sign-unlock</c> (the genesis seed the deployer fixed after the release was signed; by default the one in the
/// unlock request the deployer wrote into the plan's unlock folder).
/// </summary>
internal static class SigningCommands
{
    public static IEnumerable<Command> Create(TextWriter output) => [SignRelease(output), SignUnlock(output)];

    private static Command SignRelease(TextWriter output)
    {
        var file = new Option<string>("--file") { Description = "The release binary", Required = true };
        var key = KeysCommands.KeyOption();
        var index = new Option<int>("--index") { Description = "Your 1-based slot in the signatory list (the N of BINARY.dgst.sig.N)", Required = true };
        var command = new Command("sign-release", "Write BINARY.dgst (SHA3-256, openssl's format) and sign it as signatory N") { file, key, index };
        command.SetAction(parse =>
        {
            var slot = parse.GetValue(index);
            if (slot < 1) throw new InvalidDataException($"--index: {slot} is not a signatory slot (they start at 1)");
            var binary = parse.GetValue(file)!;
            if (!File.Exists(binary)) throw new InvalidDataException($"--file: {binary} does not exist");
            using var signer = KeysCommands.Open(parse.GetValue(key)!, KeyType.Ed448, output);
            var written = ReleaseSigner.Sign(binary, signer.Secret, slot);
            output.WriteLine($"digest: {ReleaseDigest.DigestPath(binary)}");
            output.WriteLine($"signature: {written}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command SignUnlock(TextWriter output)
    {
        var plan = new Option<string>("--plan") { Description = "The deployment's plan: its signatories and beacon key are checked before signing", Required = true };
        var key = KeysCommands.KeyOption();
        var seed = new Option<string?>("--seed") { Description = $"The genesis seed (hex) the deployer published after the release was signed; default: genesisSeedHex of {UnlockCollectingCheck.RequestFileName} in the plan's release.unlock_folder" };
        var outPath = new Option<string>("--out") { Description = "The signature file to write, for the deployer to collect", Required = true };
        var command = new Command("sign-unlock", "Sign the genesis seed that lifts the stasis lock") { plan, key, seed, outPath };
        command.SetAction(parse =>
        {
            var valid = PlanReader.Read(parse.GetValue(plan)!);
            var target = parse.GetValue(outPath)!;
            if (File.Exists(target)) throw new InvalidDataException($"--out: {target} already exists; a signature file is never overwritten");
            var (seedText, seedSource) = parse.GetValue(seed) is { } given ? (given, "--seed") : RequestedSeed(valid);
            var seedHex = seedText.Trim();
            if (seedHex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) seedHex = seedHex[2..];
            if (seedHex.Length % 2 != 0 || !seedHex.All(Uri.IsHexDigit)) throw new InvalidDataException($"{seedSource}: not hex");
            if (!GenesisSeed.TryParse(Convert.FromHexString(seedHex), out var genesis, out var error)) throw new InvalidDataException($"{seedSource}: {error}");
            if (Convert.ToHexStringLower([.. genesis!.Beacon]) != valid.BeaconKey)
            {
                throw new InvalidDataException($"{seedSource}: binds beacon {Convert.ToHexStringLower([.. genesis.Beacon])}, not the plan's beacon {valid.BeaconKey}; refusing to sign");
            }
            using var signer = KeysCommands.Open(parse.GetValue(key)!, KeyType.Ed448, output);
            var publicHex = Convert.ToHexStringLower(signer.PublicKey);
            var slot = valid.Signatories.ToList().IndexOf(publicHex) + 1;
            if (slot == 0) throw new InvalidDataException($"--key: {publicHex} is not one of the plan's signatories");
            var signature = UnlockSignature.Sign(genesis, signer.Secret);
            // Never over another file, even one created while the passphrase was asked for.
            signature.Write(target);
            output.WriteLine($"signed the genesis seed as signatory #{slot} (phrase \"{genesis.Phrase}\")");
            output.WriteLine($"signature: {target}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The seed in the unlock request the deployer wrote into the plan's unlock folder.</summary>
    private static (string Hex, string Source) RequestedSeed(RolloutPlan plan)
    {
        var path = Path.Combine(plan.Resolve(plan.Release.UnlockFolder), UnlockCollectingCheck.RequestFileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no unlock request there (the plan's release.unlock_folder, written by rollout run at UnlockCollecting); pass --seed HEX instead");
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("genesisSeedHex", out var value) && value.ValueKind == JsonValueKind.String
                ? (value.GetString()!, $"{path}.genesisSeedHex")
                : throw new InvalidDataException($"{path}.genesisSeedHex: missing or not a string");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // A string escaping half a surrogate pair ("\ud800") cannot be read as text.
            throw new InvalidDataException($"{path}.genesisSeedHex: not text (a lone surrogate escape)", ex);
        }
    }
}

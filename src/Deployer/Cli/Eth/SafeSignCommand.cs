using System.CommandLine;
using System.Globalization;
using System.Text;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Keystores;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Safe;
using Rollout.Deployer.Cli.Keys;
using Rollout.Deployer.Ethereum;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Storage;

namespace Rollout.Deployer.Cli.Eth;

/// <summary>
/// <c>rollout eth safe-sign --plan FILE --key KEYSTORE [--tx FILE] --out FILE</c>: a Safe owner signs, on
/// their own machine, the SafeTx the deployer wrote (by default the unpause SafeTx in the plan's
/// <c>ethereum.safe_folder</c>). Before the key is opened the file's hash is
/// recomputed from its fields and its chain and Safe are compared with the plan's, so the owner signs
/// exactly the call the file shows, for the deployment they agreed to.
/// </summary>
internal static class SafeSignCommand
{
    public static Command Create(TextWriter output)
    {
        var plan = new Option<string>("--plan") { Description = "The deployment's plan: ethereum.chain_id and ethereum.safe are checked before signing", Required = true };
        var key = KeysCommands.KeyOption();
        var tx = new Option<string?>("--tx") { Description = $"The SafeTx file the deployer wrote (safe, chainId, the SafeTx fields, safeTxHash); default: {SafeUnpauseProposal.FileName} in the plan's ethereum.safe_folder" };
        var outPath = new Option<string>("--out") { Description = "The signature file to write ({safeTxHash, owner, signature}), never overwritten", Required = true };
        var command = new Command("safe-sign", "Sign a SafeTx as one of the Safe's owners") { plan, key, tx, outPath };
        command.SetAction(parse =>
        {
            var rollout = PlanReader.Read(parse.GetValue(plan)!);
            var settings = rollout.Ethereum;
            var txPath = parse.GetValue(tx);
            if (txPath is null)
            {
                txPath = Path.Combine(rollout.Resolve(settings.SafeFolder), SafeUnpauseProposal.FileName);
                if (!File.Exists(txPath))
                {
                    throw new InvalidDataException($"{txPath}: no unpause SafeTx there (the plan's ethereum.safe_folder, written by rollout run at EthereumResumed); pass --tx FILE to sign another file");
                }
            }
            if (!File.Exists(txPath)) throw new InvalidDataException($"--tx: {txPath} does not exist");
            var proposal = SafeTxProposal.FromJson(File.ReadAllText(txPath), txPath);
            Check(proposal, settings, txPath, output);
            var target = parse.GetValue(outPath)!;
            if (File.Exists(target)) throw new InvalidDataException($"--out: {target} already exists; a signature file is never overwritten");

            // What will be signed is shown before the key is opened, so the owner reads it before the passphrase prompt.
            if (proposal.Description is not null) output.WriteLine($"transaction: {Printable(proposal.Description)}");
            output.WriteLine($"safe: {proposal.Safe} on chain {proposal.ChainId}, nonce {proposal.Tx.Nonce}");
            output.WriteLine($"call: {(proposal.Tx.Operation == 0 ? "call" : "DELEGATECALL")} {proposal.Tx.To} value {proposal.Tx.Value} data {Hex.Encode(proposal.Tx.Data)}");
            output.WriteLine($"safeTxHash: {Hex.Encode(proposal.SafeTxHash)}");

            using var opened = KeysCommands.Open(parse.GetValue(key)!, KeyType.Secp256k1, output);
            using var owner = Secp256k1Key.FromPrivateKey(opened.Secret);
            var signature = SafeSignature.Sign(proposal.Tx, proposal.ChainId, proposal.Safe, owner);
            AtomicFile.WriteNewText(target, signature.ToJson());

            output.WriteLine($"owner: {owner.Address}");
            output.WriteLine($"signature: {target}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The description with control and format characters escaped: it comes from the file, and a carriage
    /// return, an ANSI sequence or a bidi override could otherwise repaint the <c>call:</c> line the owner reads.
    /// </summary>
    internal static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static void Check(SafeTxProposal proposal, EthereumSettings settings, string txPath, TextWriter output)
    {
        if (proposal.ChainId != settings.ChainId)
        {
            throw new InvalidDataException($"{txPath}.chainId: {proposal.ChainId} is not the plan's ethereum.chain_id {settings.ChainId}; refusing to sign");
        }
        if (settings.SafeAddress is null)
        {
            // A rehearsal deploys its own Safe, so its plan cannot name it in advance.
            output.WriteLine($"note: the plan names no ethereum.safe (the rehearsal deploys it); signing for {proposal.Safe}");
            return;
        }
        if (Address.Parse(settings.SafeAddress, "ethereum.safe") != proposal.Safe)
        {
            throw new InvalidDataException($"{txPath}.safe: {proposal.Safe} is not the plan's ethereum.safe {Address.Parse(settings.SafeAddress)}; refusing to sign");
        }
    }
}

using System.CommandLine;
using Rollout.Token.Addressing;
using Rollout.Token.Commitment;
using Rollout.Token.Snapshots;

namespace Rollout.Deployer.Cli.Token;

/// <summary>
/// <c>rollout token verify --root HEX --address HEX --amount UNITS --proof HEX[,HEX...]</c>: checks a proof
/// offline, exactly as OpenZeppelin's StandardMerkleTree.verify would; exit 0 valid, 1 invalid, 2 malformed.
/// An empty <c>--proof ""</c> is the proof of a one-leaf tree.
/// </summary>
internal static class TokenVerifyCommand
{
    public static Command Create(TextWriter output)
    {
        var rootOption = new Option<string>("--root") { Description = "The published Merkle root (32 bytes hex).", Required = true };
        var addressOption = new Option<string>("--address") { Description = "The 32-byte address of the allocation.", Required = true };
        var amountOption = new Option<string>("--amount") { Description = "The allocation in units (1 QUIL = 8,000,000,000 units).", Required = true };
        var proofOption = new Option<string>("--proof") { Description = "Comma-separated sibling hashes, leaf first, as rollout token prove prints them.", Required = true };
        var command = new Command("verify", "Check a Merkle proof of an allocation against a root, offline.");
        command.Options.Add(rootOption);
        command.Options.Add(addressOption);
        command.Options.Add(amountOption);
        command.Options.Add(proofOption);
        command.SetAction(parse =>
        {
            var root = Hash32("--root", parse.GetValue(rootOption)!);
            if (!QuilAddress.TryParse(parse.GetValue(addressOption)!, out var address, out var addressError)) throw new InvalidDataException($"--address: {addressError}");
            if (!QuilAmount.TryParseUnits(parse.GetValue(amountOption)!, out var amount, out var amountError)) throw new InvalidDataException($"--amount: {amountError}");
            var proofText = parse.GetValue(proofOption)!;
            var proof = proofText.Length == 0 ? [] : proofText.Split(',').Select((p, i) => Hash32($"--proof[{i}]", p)).ToArray();

            if (MerkleProof.Verify(root, address, amount, proof))
            {
                output.WriteLine("valid");
                return ExitCodes.Success;
            }
            output.WriteLine("invalid: the proof does not lead from this address and amount to the root");
            return ExitCodes.CheckFailed;
        });
        return command;
    }

    private static byte[] Hash32(string what, string text)
    {
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit)) throw new InvalidDataException($"{what}: {text} is not 32 bytes of hex");
        return Convert.FromHexString(hex);
    }
}

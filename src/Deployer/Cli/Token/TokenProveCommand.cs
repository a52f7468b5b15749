using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Rollout.Mesh.Identity;
using Rollout.Token.Addressing;
using Rollout.Token.Commitment;

namespace Rollout.Deployer.Cli.Token;

/// <summary>
/// <c>rollout token prove --tree FILE (--peer-id ID | --address HEX)</c>: prints
/// <c>{"address", "amount", "proof": [...], "root"}</c> for one allocation. The tree file is checked to
/// be the standard tree of its own values before anything is printed; an address with no allocation exits 1.
/// </summary>
internal static class TokenProveCommand
{
    public static Command Create(TextWriter output, TokenAddressing addressing)
    {
        var treeFile = new Option<string>("--tree") { Description = "tree.json written by rollout token build (OpenZeppelin standard-v1).", Required = true };
        var peerId = new Option<string>("--peer-id") { Description = "Prove the allocation of this peer (its address is derived from the peer ID)." };
        var addressOption = new Option<string>("--address") { Description = "Prove the allocation of this 32-byte address." };
        var command = new Command("prove", "Print the Merkle proof of one allocation.");
        command.Options.Add(treeFile);
        command.Options.Add(peerId);
        command.Options.Add(addressOption);
        command.SetAction(parse =>
        {
            var peerText = parse.GetValue(peerId);
            var addressText = parse.GetValue(addressOption);
            if ((peerText is null) == (addressText is null)) throw new InvalidDataException("give exactly one of --peer-id and --address");
            QuilAddress address;
            if (peerText is not null)
            {
                if (!PeerId.TryParse(peerText, out var peer, out var peerError)) throw new InvalidDataException($"--peer-id: not a peer ID: {peerError}");
                address = addressing.Peers.Derive(peer!);
            }
            else if (!QuilAddress.TryParse(addressText!, out address, out var addressError))
            {
                throw new InvalidDataException($"--address: {addressError}");
            }

            var tree = StandardTreeFile.Load(parse.GetValue(treeFile)!);
            var index = tree.IndexOf(address);
            if (index < 0)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{address} has no allocation in {Path.GetFileName(parse.GetValue(treeFile))}");
                return ExitCodes.CheckFailed;
            }
            var proof = tree.GetProof(index).Select(p => "0x" + Convert.ToHexStringLower(p)).ToArray();
            var answer = new ProofAnswer(address.ToString(), tree.Values[index].Units.ToString(CultureInfo.InvariantCulture), proof, tree.RootHex);
            output.WriteLine(JsonSerializer.Serialize(answer, TokenJsonContext.Default.ProofAnswer));
            return ExitCodes.Success;
        });
        return command;
    }
}

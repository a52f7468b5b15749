using System.CommandLine;
using System.Globalization;
using Rollout.Token.Addressing;
using Rollout.Token.Commitment;
using Rollout.Token.Genesis;
using Rollout.Token.Snapshots;

namespace Rollout.Deployer.Cli.Token;

/// <summary>
/// <c>rollout token build --snapshots DIR --out DIR [--bridge-address HEX] [--supply-cap UNITS]</c>: reads the
/// snapshot folder, applies the genesis rules, builds the standard-v1 tree, writes genesis.json and
/// tree.json atomically, and prints a summary whose last line is the root.
/// </summary>
internal static class TokenBuildCommand
{
    public static Command Create(TextWriter output, TokenAddressing addressing)
    {
        var snapshots = new Option<string>("--snapshots") { Description = "Folder of snapshot files (first_retro.json … fourth_retro.json, ceremony_vouchers.json, bridged.json, *.csv).", Required = true };
        var outDir = new Option<string>("--out") { Description = "Folder to write genesis.json and tree.json into (whole or not at all).", Required = true };
        var bridge = new Option<string>("--bridge-address") { Description = "Address that receives the sum of bridged.json (default: the reference bridge address)." };
        var cap = new Option<string>("--supply-cap") { Description = "Most units the genesis may allocate in total (default: 2^256 − 1)." };
        var command = new Command("build", "Build the token genesis and its Merkle tree from a snapshot folder.");
        command.Options.Add(snapshots);
        command.Options.Add(outDir);
        command.Options.Add(bridge);
        command.Options.Add(cap);
        command.SetAction(parse =>
        {
            var settings = Settings(parse.GetValue(bridge), parse.GetValue(cap));
            var set = SnapshotFolder.Read(parse.GetValue(snapshots)!);
            var genesis = new GenesisBuilder(settings, addressing.Peers, addressing.Vouchers).Build(set);
            var tree = StandardMerkleTree.Build(genesis.Allocations);
            GenesisOutput.Write(parse.GetValue(outDir)!, genesis, tree);

            foreach (var source in genesis.Sources)
            {
                var excluded = source.ExcludedAsBridged > 0 ? $", {source.ExcludedAsBridged} left out as bridged" : "";
                output.WriteLine($"{source.Source}: {source.Entries} entries, {source.Included} paid{excluded}, {QuilAmount.FormatQuil(source.Units)} QUIL");
            }
            output.WriteLine($"bridge {genesis.BridgeAddress}: {QuilAmount.FormatQuil(genesis.BridgeUnits)} QUIL");
            output.WriteLine($"{genesis.Allocations.Count} allocations, {QuilAmount.FormatQuil(genesis.TotalUnits)} QUIL ({genesis.TotalUnits.ToString(CultureInfo.InvariantCulture)} units)");
            output.WriteLine(tree.RootHex);
            return ExitCodes.Success;
        });
        return command;
    }

    private static GenesisSettings Settings(string? bridgeText, string? capText)
    {
        var settings = GenesisSettings.Default;
        if (bridgeText is not null)
        {
            if (!QuilAddress.TryParse(bridgeText, out var bridgeAddress, out var error)) throw new InvalidDataException($"--bridge-address: {error}");
            settings = settings with { BridgeAddress = bridgeAddress };
        }
        if (capText is not null)
        {
            if (!QuilAmount.TryParseUnits(capText, out var cap, out var error)) throw new InvalidDataException($"--supply-cap: {error}");
            settings = settings with { SupplyCap = cap };
        }
        return settings;
    }
}

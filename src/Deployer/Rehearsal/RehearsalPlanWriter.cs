using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Rollout.Bridge.Ethereum;

namespace Rollout.Deployer.Rehearsal;

/// <summary>
/// Writes the rehearsal's own plan from the team's rehearsal plan: mesh settings, thresholds, snapshots and the
/// rest are the template's; the parts only a live rehearsal knows are filled in (signatories, beacon, the chain,
/// the Safe and the accounts, the release binary), and relative paths are made absolute so the plan can live
/// in the rehearsal's folder.
/// </summary>
internal static class RehearsalPlanWriter
{
    /// <summary>The template's text with the rehearsal's keys, chain and release in place.</summary>
    public static string Write(string templateText, string templatePath, RehearsalKeys keys, Uri rpc, Address safe, string releaseBinary)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(templateText));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var templateFolder = Path.GetDirectoryName(Path.GetFullPath(templatePath)) ?? ".";

        root.Children[Key("signatories")] = new YamlSequenceNode(keys.SignatoryPublicKeys.Select(Quoted));
        root.Children[Key("beacon")] = Quoted(keys.BeaconPublicKey);
        if (root.Children.TryGetValue(Key("snapshots"), out var snapshots) && snapshots is YamlScalarNode { Value: { } folder })
        {
            root.Children[Key("snapshots")] = Quoted(Path.GetFullPath(Path.Combine(templateFolder, folder)));
        }
        var ethereum = Section(root, "ethereum");
        ethereum.Children[Key("rpc_url")] = Quoted(rpc.ToString().TrimEnd('/'));
        ethereum.Children[Key("chain_id")] = new YamlScalarNode("31337");
        ethereum.Children[Key("safe")] = Quoted(safe.ToLowerHex());
        ethereum.Children[Key("pauser")] = Quoted(keys.Pauser.ToLowerHex());
        ethereum.Children[Key("minter")] = Quoted(keys.Minter.ToLowerHex());
        ethereum.Children[Key("deployer_keystore")] = Quoted(keys.DeployerKeystore);
        ethereum.Children[Key("safe_folder")] = Quoted("safe");
        var release = Section(root, "release");
        release.Children[Key("binary")] = Quoted(releaseBinary);
        release.Children[Key("unlock_folder")] = Quoted("unlock");

        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return "# Written by rollout rehearse from " + Path.GetFullPath(templatePath) + "; keys, chain and Safe are this rehearsal's own.\n" + writer;
    }

    private static YamlScalarNode Key(string name) => new(name);

    private static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };

    private static YamlMappingNode Section(YamlMappingNode root, string name)
    {
        if (root.Children.TryGetValue(Key(name), out var node) && node is YamlMappingNode mapping) return mapping;
        var created = new YamlMappingNode();
        root.Children[Key(name)] = created;
        return created;
    }
}

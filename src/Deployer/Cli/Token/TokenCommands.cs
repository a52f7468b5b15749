using System.CommandLine;

namespace Rollout.Deployer.Cli.Token;

/// <summary>The <c>rollout token</c> verb group: <c>build</c>, <c>prove</c>, <c>verify</c>.</summary>
internal static class TokenCommands
{
    /// <summary>Creates the group with the reference address derivation.</summary>
    public static Command Create(TextWriter output) => Create(output, TokenAddressing.Default);

    /// <summary>Creates the group with the given address derivations (tests use fakes).</summary>
    public static Command Create(TextWriter output, TokenAddressing addressing)
    {
        var token = new Command("token", "Token genesis from the 1.x snapshots, its Merkle commitment, and holder proofs.");
        token.Subcommands.Add(TokenBuildCommand.Create(output, addressing));
        token.Subcommands.Add(TokenProveCommand.Create(output, addressing));
        token.Subcommands.Add(TokenVerifyCommand.Create(output));
        return token;
    }
}

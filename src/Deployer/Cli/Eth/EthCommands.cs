using System.CommandLine;

namespace Rollout.Deployer.Cli.Eth;

/// <summary><c>rollout eth …</c>: the Ethereum side's verbs run away from the deployer (an owner's machine).</summary>
internal static class EthCommands
{
    public static Command Create(TextWriter output) => new("eth", "Ethereum: Safe owners' signing and the web interface's batch export") { SafeSignCommand.Create(output), SafeBatchCommand.Create(output, TimeProvider.System) };
}

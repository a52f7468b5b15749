using System.CommandLine;

namespace Rollout.Deployer.Cli;

/// <summary>The verbs of the <c>rollout</c> executable, one factory per verb group.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(TextWriter output) =>
    [
        Token.TokenCommands.Create(output),
        Keys.KeysCommands.Create(output),
        Mesh.MeshCommands.Create(output),
        .. Keys.SigningCommands.Create(output),
        Eth.EthCommands.Create(output),
        .. DeploymentCommands.Create(output),
        RehearseCommand.Create(output),
    ];
}

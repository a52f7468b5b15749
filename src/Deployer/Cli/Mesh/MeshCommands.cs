using System.CommandLine;

namespace Rollout.Deployer.Cli.Mesh;

/// <summary>The <c>rollout mesh</c> verb group: <c>simulate</c>.</summary>
internal static class MeshCommands
{
    /// <summary>Creates the group.</summary>
    public static Command Create(TextWriter output)
    {
        var mesh = new Command("mesh", "The stage 1 and 2 mesh tests on the discrete-event simulator, with the real protocol code.");
        mesh.Subcommands.Add(MeshSimulateCommand.Create(output));
        return mesh;
    }
}

using System.CommandLine;

namespace Rollout.Deployer.Cli;

/// <summary>Options the deployment verbs share.</summary>
internal static class DeploymentOptions
{
    /// <summary>The environment variable naming the deployments folder.</summary>
    public const string HomeVariable = "ROLLOUT_HOME";

    public static Option<string> Home() => new("--home")
    {
        Description = $"Folder holding the deployments (default: ${HomeVariable}, else ./deployments)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home ? home : "deployments",
    };

    public static Option<string> Plan(bool required) => new("--plan") { Description = "The plan file (YAML)", Required = required };

    public static Option<string> Deployment(bool required) => new("--deployment") { Description = "The deployment id (a folder under --home)", Required = required };
}

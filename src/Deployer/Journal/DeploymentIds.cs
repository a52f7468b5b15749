namespace Rollout.Deployer.Journal;

/// <summary>Deployment ids name folders, so they are kept to a safe alphabet.</summary>
public static class DeploymentIds
{
    /// <summary>Returns <paramref name="id"/> when it is 1–64 of <c>A–Z a–z 0–9 . _ -</c> not starting with a dot.</summary>
    public static string Validate(string id)
    {
        if (id.Length is 0 or > 64 || id[0] == '.' || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new InvalidDataException($"--deployment: \"{id}\" is not a deployment id (1-64 of A-Z a-z 0-9 . _ -, not starting with a dot)");
        }
        return id;
    }
}

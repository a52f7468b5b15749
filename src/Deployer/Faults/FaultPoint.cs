namespace Rollout.Deployer.Faults;

/// <summary>A point at which a rehearsal kills its own process: <c>&lt;step&gt;:&lt;before|after&gt;</c>.</summary>
/// <param name="Step">The step (state) name, e.g. <c>PeerExchange</c>.</param>
/// <param name="Phase">Before its action or after its outcome.</param>
public sealed record FaultPoint(string Step, FaultPhase Phase)
{
    /// <summary>The environment variable that names the fault point.</summary>
    public const string EnvironmentVariable = "ROLLOUT_FAULT_POINT";

    /// <summary>Parses <c>Step:before</c> or <c>Step:after</c>.</summary>
    public static FaultPoint Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && parts[0].Length > 0)
        {
            switch (parts[1])
            {
                case "before": return new FaultPoint(parts[0], FaultPhase.Before);
                case "after": return new FaultPoint(parts[0], FaultPhase.After);
            }
        }
        throw new InvalidDataException($"{EnvironmentVariable}: \"{text}\" is not <step>:before or <step>:after");
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Step}:{(Phase == FaultPhase.Before ? "before" : "after")}";
}

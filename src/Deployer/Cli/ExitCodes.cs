namespace Rollout.Deployer.Cli;

/// <summary>The process exit codes of the CLI contract (ARCHITECTURE.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>A check failed, a proof is invalid, or an alert is active.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad input or usage; nothing was changed.</summary>
    public const int BadInput = 2;

    /// <summary>An outside system is unreachable or timed out.</summary>
    public const int Unreachable = 3;

    /// <summary>Held: an outcome is unknown and an operator must decide.</summary>
    public const int Held = 4;
}

namespace Rollout.Deployer.StateMachine;

/// <summary>A trigger fired in a state (and superstates) that does not permit it, or whose guards all refused.</summary>
public sealed class TriggerNotPermittedException : InvalidOperationException
{
    /// <summary>Creates the exception with its message.</summary>
    public TriggerNotPermittedException(string message) : base(message) { }

    /// <summary>Creates the exception with no message.</summary>
    public TriggerNotPermittedException() { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TriggerNotPermittedException(string message, Exception innerException) : base(message, innerException) { }
}

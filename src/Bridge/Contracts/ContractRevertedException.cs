using Rollout.Bridge.Ethereum.Abi;

namespace Rollout.Bridge.Contracts;

/// <summary>
/// A contract call or transaction reverted. <see cref="Reason"/> is the decoded revert data
/// (<c>Error(string)</c>, <c>Panic</c> or one of the contract's custom errors) when the node returned it.
/// </summary>
public sealed class ContractRevertedException : Exception
{
    /// <summary>Creates the exception for <paramref name="action"/> with its decoded reason.</summary>
    public ContractRevertedException(string action, RevertReason? reason, byte[]? transactionHash = null, Exception? innerException = null)
        : base($"{action}: {reason?.ToString() ?? "reverted (no revert data)"}", innerException)
    {
        Action = action;
        Reason = reason;
        TransactionHash = transactionHash;
    }

    /// <summary>Creates the exception without details (for serializers).</summary>
    public ContractRevertedException() : this("call", (RevertReason?)null)
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ContractRevertedException(string message) : this(message, (RevertReason?)null)
    {
    }

    /// <summary>Creates the exception with a message and the error underneath.</summary>
    public ContractRevertedException(string message, Exception innerException) : this(message, null, null, innerException)
    {
    }

    /// <summary>What was attempted, e.g. <c>WrappedQuil.unpause</c>.</summary>
    public string Action { get; }

    /// <summary>The decoded revert, when there was revert data.</summary>
    public RevertReason? Reason { get; }

    /// <summary>The mined transaction that reverted; null when the revert was found before sending.</summary>
    public byte[]? TransactionHash { get; }

    /// <summary>The custom error's or built-in error's name (<c>Error</c>, <c>Panic</c>, <c>AccessControlUnauthorizedAccount</c>…), or null.</summary>
    public string? ErrorName => Reason?.Error?.Name;
}

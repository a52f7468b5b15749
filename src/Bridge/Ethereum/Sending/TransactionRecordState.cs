namespace Rollout.Bridge.Ethereum.Sending;

/// <summary>Where a written-ahead transaction stands.</summary>
public enum TransactionRecordState
{
    /// <summary>Signed and stored; it may or may not have reached the node (the process may have died in between).</summary>
    Signed,

    /// <summary>The node accepted it; not yet mined.</summary>
    Sent,

    /// <summary>Mined with status 1. Final.</summary>
    Mined,

    /// <summary>Mined with status 0. Final: a reverted transaction is never sent again.</summary>
    Reverted,

    /// <summary>The outcome cannot be decided safely (its nonce went to a foreign transaction, the node refused it); an operator decides.</summary>
    Held,
}

namespace Rollout.Bridge.Ethereum.Sending;

/// <summary>What one send or reconcile step found.</summary>
public enum SendOutcome
{
    /// <summary>The node accepted the transaction for the first time.</summary>
    Sent,

    /// <summary>The node had dropped it; the same stored bytes were sent again.</summary>
    Resent,

    /// <summary>The node knows it and it is not mined yet.</summary>
    Pending,

    /// <summary>Mined and succeeded.</summary>
    Mined,

    /// <summary>Mined and reverted; never sent again.</summary>
    Reverted,

    /// <summary>Unsafe to continue automatically (see the record's note); an operator decides.</summary>
    Held,
}

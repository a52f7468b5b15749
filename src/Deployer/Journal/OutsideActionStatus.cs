namespace Rollout.Deployer.Journal;

/// <summary>Where an outside action stands.</summary>
public enum OutsideActionStatus
{
    /// <summary>Bytes and hash recorded; not yet handed over. A resume may send exactly these bytes.</summary>
    Prepared,

    /// <summary>Handed over; outcome not yet known.</summary>
    Sent,

    /// <summary>Included and confirmed.</summary>
    Confirmed,

    /// <summary>Included but failed; never resent.</summary>
    Reverted,

    /// <summary>Known to be gone (e.g. its nonce was used by another transaction).</summary>
    Dropped,

    /// <summary>Cannot be established; an operator decides.</summary>
    Unknown,
}

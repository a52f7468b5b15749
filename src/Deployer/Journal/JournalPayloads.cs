namespace Rollout.Deployer.Journal;

/// <summary>The JSON payload of each event kind; the projections are rebuilt from these alone.</summary>
public static class JournalPayloads
{
    /// <summary>The deployment was created.</summary>
    /// <param name="DeploymentId">Its id.</param>
    public sealed record Created(string DeploymentId);

    /// <summary>A plan version.</summary>
    /// <param name="Version">1, 2, … in order of adoption.</param>
    /// <param name="Sha256">SHA-256 of the plan file's bytes.</param>
    /// <param name="Source">The path it was read from.</param>
    /// <param name="Content">The plan file's text.</param>
    public sealed record Plan(int Version, string Sha256, string Source, string Content);

    /// <summary>A step's intent.</summary>
    /// <param name="Source">State left.</param>
    /// <param name="Trigger">Trigger fired.</param>
    /// <param name="Destination">State entered.</param>
    /// <param name="Argument">The trigger's argument as JSON, or null.</param>
    public sealed record Intent(string Source, string Trigger, string Destination, string? Argument);

    /// <summary>A step's outcome.</summary>
    /// <param name="StepId">The step (its intent's seq).</param>
    /// <param name="Outcome">Completed, Reconciled or Unknown.</param>
    public sealed record StepEnd(long StepId, string Outcome);

    /// <summary>A check's result.</summary>
    /// <param name="StepId">The step that ran the check.</param>
    /// <param name="Check">The check's name.</param>
    /// <param name="Result">passed, failed, not-available or attested.</param>
    /// <param name="CauseCode">For a failure, the catalog cause's code.</param>
    /// <param name="Detail">What was measured, or why it could not be.</param>
    /// <param name="StartedAt">When the check started.</param>
    /// <param name="FinishedAt">When it ended.</param>
    public sealed record CheckRun(long StepId, string Check, string Result, string? CauseCode, string Detail, string StartedAt, string FinishedAt);

    /// <summary>An operator decision.</summary>
    /// <param name="Action">retry, attest, abort, plan-change…</param>
    /// <param name="Subject">What it is about (a check, an outside action).</param>
    /// <param name="Note">The operator's reason.</param>
    /// <param name="Operator">Who decided.</param>
    public sealed record Decision(string Action, string Subject, string Note, string Operator);

    /// <summary>An outside action prepared before it is sent.</summary>
    /// <param name="StepId">The step it belongs to.</param>
    /// <param name="Kind">e.g. ethereum-transaction, node-operation.</param>
    /// <param name="Key">Unique key (e.g. chain, sender and nonce) so the same action is never prepared twice.</param>
    /// <param name="RawHex">The exact bytes to send, hex.</param>
    /// <param name="HashHex">Their hash (transaction hash, operation id).</param>
    public sealed record Prepared(long StepId, string Kind, string Key, string RawHex, string HashHex);

    /// <summary>An outside action handed over.</summary>
    /// <param name="ActionId">The action (its prepared event's seq).</param>
    public sealed record Sent(long ActionId);

    /// <summary>An outside action's outcome.</summary>
    /// <param name="ActionId">The action.</param>
    /// <param name="Status">confirmed, reverted, dropped or unknown.</param>
    /// <param name="Detail">Receipt, block, or why unknown.</param>
    public sealed record Settled(long ActionId, string Status, string Detail);
}

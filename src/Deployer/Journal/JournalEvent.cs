namespace Rollout.Deployer.Journal;

/// <summary>One append-only journal event, chained to the previous one by its hash.</summary>
/// <param name="Seq">1-based position; the first event's predecessor hash is all zeros.</param>
/// <param name="Kind">What happened (see <see cref="EventKinds"/>).</param>
/// <param name="At">When, ISO-8601 UTC, from the journal's <see cref="TimeProvider"/>.</param>
/// <param name="Payload">The event's JSON, exactly as hashed.</param>
/// <param name="PreviousHash">The previous event's hash, hex.</param>
/// <param name="Hash">SHA-256 over the previous hash and this event's canonical bytes, hex.</param>
public sealed record JournalEvent(long Seq, string Kind, string At, string Payload, string PreviousHash, string Hash);

namespace Rollout.Deployer.Journal;

/// <summary>A journaled outside action: what was (or will be) sent, and where it stands.</summary>
/// <param name="ActionId">Its prepared event's seq.</param>
/// <param name="StepId">The step it belongs to.</param>
/// <param name="Kind">e.g. ethereum-transaction, node-operation.</param>
/// <param name="Key">Its unique key.</param>
/// <param name="RawHex">The exact bytes, hex.</param>
/// <param name="HashHex">Their hash.</param>
/// <param name="Status">Current status.</param>
/// <param name="Detail">Latest detail.</param>
public sealed record OutsideAction(long ActionId, long StepId, string Kind, string Key, string RawHex, string HashHex, OutsideActionStatus Status, string Detail);

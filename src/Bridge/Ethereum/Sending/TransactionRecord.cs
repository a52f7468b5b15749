using System.Numerics;

namespace Rollout.Bridge.Ethereum.Sending;

/// <summary>
/// One transaction written ahead: the exact signed bytes and hash, stored before
/// <c>eth_sendRawTransaction</c>, so a restarted process resends the same bytes instead of signing anew.
/// </summary>
/// <param name="Key">The caller's name for the intent (e.g. <c>deploy:WrappedQuil</c>); one record per key.</param>
/// <param name="ChainId">The chain the transaction is signed for.</param>
/// <param name="Sender">The signing account.</param>
/// <param name="Nonce">The sender nonce it uses.</param>
/// <param name="Hash">Keccak-256 of <paramref name="RawBytes"/>.</param>
/// <param name="RawBytes">The signed transaction.</param>
/// <param name="State">Where it stands.</param>
/// <param name="BlockNumber">The block it was mined in, once mined.</param>
/// <param name="Note">Why it is held, or the last node error; never secret.</param>
/// <param name="UpdatedAt">When the state last changed.</param>
public sealed record TransactionRecord(
    string Key,
    BigInteger ChainId,
    Address Sender,
    ulong Nonce,
    byte[] Hash,
    byte[] RawBytes,
    TransactionRecordState State,
    ulong? BlockNumber,
    string? Note,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the record can change no more without an operator (mined, reverted).</summary>
    public bool IsFinal => State is TransactionRecordState.Mined or TransactionRecordState.Reverted;
}

namespace Rollout.Bridge.Contracts;

/// <summary>How <see cref="ContractTransactor"/> sends and waits.</summary>
/// <param name="Confirmations">Blocks including the transaction's own before it counts (1: mined).</param>
/// <param name="PollInterval">Delay between receipt queries; default 250 ms.</param>
/// <param name="ReceiptTimeout">How long to wait for the confirmations; default 2 minutes.</param>
/// <param name="GasMarginPercent">Added to the node's gas estimate; default 20.</param>
public sealed record ContractTransactorOptions(int Confirmations = 1, TimeSpan? PollInterval = null, TimeSpan? ReceiptTimeout = null, int GasMarginPercent = 20)
{
    /// <summary>The poll interval in effect.</summary>
    public TimeSpan EffectivePollInterval => PollInterval ?? TimeSpan.FromMilliseconds(250);

    /// <summary>The receipt timeout in effect.</summary>
    public TimeSpan EffectiveReceiptTimeout => ReceiptTimeout ?? TimeSpan.FromMinutes(2);
}

using System.Numerics;
using Rollout.Token.Addressing;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Genesis;

/// <summary>The settings a genesis is built with.</summary>
/// <param name="BridgeAddress">Receives the sum of <c>bridged.json</c>.</param>
/// <param name="SupplyCap">The most units the genesis may allocate in total; more is refused, never trimmed.</param>
public sealed record GenesisSettings(QuilAddress BridgeAddress, BigInteger SupplyCap)
{
    /// <summary>The reference network's bridge address (token_genesis.go).</summary>
    public static readonly QuilAddress ReferenceBridgeAddress = QuilAddress.Parse("0x1ac3290d57e064bdb5a57e874b59290226a9f9730d69f1d963600883789d6ee2");

    /// <summary>The reference bridge address and no cap below what a <c>uint256</c> leaf can hold.</summary>
    public static GenesisSettings Default { get; } = new(ReferenceBridgeAddress, QuilAmount.MaxUnits);
}

using System.Numerics;
using Rollout.Token.Addressing;

namespace Rollout.Token.Genesis;

/// <summary>The genesis allocation: balances sorted by address, and how each source contributed.</summary>
/// <param name="Allocations">One per address with a positive total, in ascending address order.</param>
/// <param name="Sources">Per-file totals, in the order the rules apply them.</param>
/// <param name="BridgeAddress">The bridge's address.</param>
/// <param name="BridgeUnits">The sum of <c>bridged.json</c>, minted to the bridge address.</param>
/// <param name="TotalUnits">The sum of all allocations.</param>
/// <param name="SupplyCap">The cap the total was checked against.</param>
public sealed record TokenGenesis(
    IReadOnlyList<GenesisAllocation> Allocations,
    IReadOnlyList<GenesisSourceTotal> Sources,
    QuilAddress BridgeAddress,
    BigInteger BridgeUnits,
    BigInteger TotalUnits,
    BigInteger SupplyCap);

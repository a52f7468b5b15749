using System.Numerics;
using Rollout.Token.Addressing;

namespace Rollout.Token.Genesis;

/// <summary>One balance of the genesis: an address and its units, the sum of every source that pays it.</summary>
public readonly record struct GenesisAllocation(QuilAddress Address, BigInteger Units);

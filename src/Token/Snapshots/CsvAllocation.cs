using System.Numerics;
using Rollout.Token.Addressing;

namespace Rollout.Token.Snapshots;

/// <summary>One row of a generic <c>address,amount</c> CSV source; <see cref="Line"/> is 1-based (the header is line 1).</summary>
public readonly record struct CsvAllocation(QuilAddress Address, BigInteger Units, int Line);

using System.Numerics;

namespace Rollout.Token.Snapshots;

/// <summary>One entry of <c>bridged.json</c>: what was bridged to wQUIL, by whom, and the reference's variant tag.</summary>
public sealed record BridgedEntry(BridgedIdentifier Identifier, BigInteger Units, string Variant, int Index);

using System.Numerics;

namespace Rollout.Token.Genesis;

/// <summary>What one snapshot file contributed.</summary>
/// <param name="Source">The file name.</param>
/// <param name="Entries">Entries in the file.</param>
/// <param name="Included">Entries paid.</param>
/// <param name="ExcludedAsBridged">Entries skipped because their identifier is in <c>bridged.json</c>.</param>
/// <param name="Units">Units the file paid; for <c>bridged.json</c>, what the bridge address receives.</param>
public sealed record GenesisSourceTotal(string Source, int Entries, int Included, int ExcludedAsBridged, BigInteger Units);

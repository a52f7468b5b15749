using Rollout.Token.Addressing;

namespace Rollout.Token.Genesis;

/// <summary>
/// Derives the address of a ceremony voucher from its key bytes. The reference hashes the bytes after
/// "0x" with Poseidon <c>HashBytes</c>, the same hash the peer derivation applies to a multihash.
/// </summary>
public interface IKeyAddressDerivation
{
    /// <summary>The address of one voucher key.</summary>
    QuilAddress Derive(ReadOnlySpan<byte> key);
}

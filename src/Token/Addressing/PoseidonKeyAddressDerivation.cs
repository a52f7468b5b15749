using Rollout.Token.Addressing.Poseidon;
using Rollout.Token.Genesis;

namespace Rollout.Token.Addressing;

/// <summary>
/// The reference derivation of a ceremony voucher's address: iden3's Poseidon <c>hashBytes</c> of the
/// voucher key's bytes (the hex after "0x"), as 32 big-endian bytes, the same hash peers get.
/// </summary>
public sealed class PoseidonKeyAddressDerivation : IKeyAddressDerivation
{
    /// <inheritdoc/>
    public QuilAddress Derive(ReadOnlySpan<byte> key)
    {
        Span<byte> bytes = stackalloc byte[QuilAddress.Size];
        PoseidonHash.HashBytes(key).WriteBigEndian(bytes);
        return QuilAddress.FromBytes(bytes);
    }
}

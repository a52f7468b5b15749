namespace Rollout.Token.Snapshots;

/// <summary>A ceremony voucher: the public key bytes from <c>ceremony_vouchers.json</c> ("0x" + hex), worth a fixed 50 QUIL.</summary>
/// <param name="Key">The decoded key bytes (the reference derives the address from these).</param>
/// <param name="KeyHex">Lower-case hex of <paramref name="Key"/> without prefix, the identity compared with bridged identifiers.</param>
/// <param name="Index">Position in the file.</param>
public sealed record CeremonyVoucher(byte[] Key, string KeyHex, int Index);

using Rollout.Token.Addressing;
using Rollout.Token.Genesis;

namespace Rollout.Deployer.Cli.Token;

/// <summary>
/// Voucher addresses: Poseidon HashBytes of the key bytes (token_genesis.go). Placeholder until the
/// Poseidon hash arrives with the h/poseidon branch; at merge this calls its HashBytes.
/// </summary>
internal sealed class PoseidonVoucherAddressDerivation : IKeyAddressDerivation
{
    /// <inheritdoc/>
    public QuilAddress Derive(ReadOnlySpan<byte> key) => throw new InvalidOperationException("Poseidon arrives with the h/poseidon branch");
}

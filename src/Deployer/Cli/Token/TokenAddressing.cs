using Rollout.Token.Addressing;
using Rollout.Token.Genesis;

namespace Rollout.Deployer.Cli.Token;

/// <summary>The address derivations the token verbs use: peers and ceremony voucher keys.</summary>
internal sealed record TokenAddressing(IPeerAddressDerivation Peers, IKeyAddressDerivation Vouchers)
{
    /// <summary>The reference derivation: Poseidon HashBytes of the multihash, and of the voucher key bytes.</summary>
    public static TokenAddressing Default { get; } = new(new PoseidonPeerAddressDerivation(), new PoseidonKeyAddressDerivation());
}

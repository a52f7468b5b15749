namespace Rollout.Bridge.Ethereum.Keystores;

/// <summary>The kinds of private key a Rollout keystore holds.</summary>
public enum KeyType
{
    /// <summary>An Ethereum account key (32 bytes); the keystore is plain Web3 Secret Storage v3, as ethers and geth write it.</summary>
    Secp256k1,

    /// <summary>An Ed448 key (57 bytes): release and unlock signers, node identities.</summary>
    Ed448,

    /// <summary>An Ed25519 key (32 bytes).</summary>
    Ed25519,
}

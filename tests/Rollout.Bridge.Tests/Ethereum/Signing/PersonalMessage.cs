using System.Text;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Token.Hashing;

namespace Rollout.Bridge.Tests.Ethereum.Signing;

/// <summary>
/// EIP-191 version 0x45 (<c>personal_sign</c>): Keccak-256 of
/// <c>"\x19Ethereum Signed Message:\n" + decimal length + message</c>. Nothing in the product signs messages; the
/// tests use it because ethers' <c>signMessage</c> is an independent oracle for <see cref="Secp256k1Key"/> and
/// <see cref="SignatureRecovery"/>, and its hash is itself checked against ethers' <c>hashMessage</c>.
/// </summary>
internal static class PersonalMessage
{
    /// <summary>The hash that <c>personal_sign</c> signs for <paramref name="message"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        byte[] prefix = Encoding.ASCII.GetBytes($"\u0019Ethereum Signed Message:\n{message.Length}");
        return Keccak256.Hash([.. prefix, .. message]);
    }

    /// <summary>The hash of a UTF-8 text message.</summary>
    public static byte[] Hash(string message) => Hash(Encoding.UTF8.GetBytes(message));

    /// <summary>Signs a message; returns the 65-byte r‖s‖v signature (v 27 or 28), as <c>eth_sign</c> wallets do.</summary>
    public static byte[] Sign(Secp256k1Key key, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(Hash(message)).ToBytes();
    }

    /// <summary>The address that signed <paramref name="message"/> with the 65-byte <paramref name="signature"/>.</summary>
    public static Address RecoverSigner(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        SignatureRecovery.RecoverAddress(Hash(message), EthSignature.FromBytes(signature));
}

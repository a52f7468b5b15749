using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Rollout.Deployer.Quorum;

/// <summary>Ed448 (RFC 8032, pure, empty context) as the reference network's release signers use it.</summary>
public static class Ed448Keys
{
    /// <summary>Public and private key length in bytes.</summary>
    public const int KeySize = 57;

    /// <summary>Signature length in bytes.</summary>
    public const int SignatureSize = 114;

    /// <summary>Creates a new private key from the system's secure random source.</summary>
    public static byte[] NewPrivateKey()
    {
        var key = new Ed448PrivateKeyParameters(new SecureRandom());
        return key.GetEncoded();
    }

    /// <summary>The public key of a private key.</summary>
    public static byte[] PublicKeyOf(ReadOnlySpan<byte> privateKey) =>
        PrivateParameters(privateKey).GeneratePublicKey().GetEncoded();

    /// <summary>Signs a message.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message)
    {
        var signer = new Ed448Signer([]);
        signer.Init(true, PrivateParameters(privateKey));
        var bytes = message.ToArray();
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return signer.GenerateSignature();
    }

    /// <summary>Verifies a signature; a malformed key or signature is simply not valid.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != KeySize || signature.Length != SignatureSize) return false;
        Ed448PublicKeyParameters key;
        try
        {
            key = new Ed448PublicKeyParameters(publicKey.ToArray(), 0);
        }
        catch (ArgumentException)
        {
            return false;
        }
        var verifier = new Ed448Signer([]);
        verifier.Init(false, key);
        var bytes = message.ToArray();
        verifier.BlockUpdate(bytes, 0, bytes.Length);
        return verifier.VerifySignature(signature.ToArray());
    }

    private static Ed448PrivateKeyParameters PrivateParameters(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != KeySize) throw new ArgumentException($"an Ed448 private key is {KeySize} bytes, not {privateKey.Length}", nameof(privateKey));
        return new Ed448PrivateKeyParameters(privateKey.ToArray(), 0);
    }
}

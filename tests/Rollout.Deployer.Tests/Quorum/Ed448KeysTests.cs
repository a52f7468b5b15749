using System.Text;
using Rollout.Deployer.Quorum;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Quorum;

public sealed class Ed448KeysTests
{
    [Fact]
    public void Sign_OurSignature_VerifiesWithOpenSsl()
    {
        using var dir = new TempDirectory();
        var key = Ed448Keys.NewPrivateKey();
        var message = dir.Write("message.txt", "SHA3-256(node-2.0.0-linux-amd64)= 00ff\n");
        File.WriteAllBytes(dir.Combine("sig"), Ed448Keys.Sign(key, File.ReadAllBytes(message)));
        OpenSsl.WritePublicKey(dir.Combine("pub.der"), Ed448Keys.PublicKeyOf(key));

        var output = OpenSsl.Run(dir.Path, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.der", "-keyform", "DER", "-rawin", "-in", "message.txt", "-sigfile", "sig");

        Assert.Contains("Signature Verified Successfully", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OpenSslSignatureAndKey_AreAcceptedAndTheSameAsOurs()
    {
        using var dir = new TempDirectory();
        OpenSsl.Run(dir.Path, "genpkey", "-algorithm", "ed448", "-outform", "DER", "-out", "key.der");
        OpenSsl.Run(dir.Path, "pkey", "-in", "key.der", "-inform", "DER", "-pubout", "-outform", "DER", "-out", "pub.der");
        dir.Write("message.txt", "SHA3-256(genesis)= 1234\n");
        OpenSsl.Run(dir.Path, "pkeyutl", "-sign", "-inkey", "key.der", "-keyform", "DER", "-rawin", "-in", "message.txt", "-out", "sig");
        var privateKey = OpenSsl.RawPrivateKey(dir.Combine("key.der"));
        var publicKey = OpenSsl.RawPublicKey(dir.Combine("pub.der"));
        var message = Encoding.UTF8.GetBytes("SHA3-256(genesis)= 1234\n");
        var signature = File.ReadAllBytes(dir.Combine("sig"));

        Assert.Equal(publicKey, Ed448Keys.PublicKeyOf(privateKey));
        Assert.True(Ed448Keys.Verify(publicKey, message, signature));
        // Ed448 is deterministic: the same key and message give openssl's exact bytes.
        Assert.Equal(signature, Ed448Keys.Sign(privateKey, message));
    }

    [Fact]
    public void Verify_TamperedMessageOrMalformedSignature_IsFalse()
    {
        var key = Ed448Keys.NewPrivateKey();
        var publicKey = Ed448Keys.PublicKeyOf(key);
        var signature = Ed448Keys.Sign(key, "release"u8);

        Assert.True(Ed448Keys.Verify(publicKey, "release"u8, signature));
        Assert.False(Ed448Keys.Verify(publicKey, "releasf"u8, signature));
        Assert.False(Ed448Keys.Verify(publicKey, "release"u8, signature[..^1]));
        Assert.False(Ed448Keys.Verify(new byte[57], "release"u8, signature));
    }
}

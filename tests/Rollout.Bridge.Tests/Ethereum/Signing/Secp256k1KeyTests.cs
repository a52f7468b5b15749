using System.Text;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Signing;

namespace Rollout.Bridge.Tests.Ethereum.Signing;

public sealed class Secp256k1KeyTests
{
    // Hardhat's first default account (the well-known test mnemonic); never holds value.
    private const string HardhatKey0 = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    [Fact]
    public void Address_OfHardhatsFirstAccount_IsTheWellKnownOne()
    {
        using var key = Secp256k1Key.FromPrivateKey(Convert.FromHexString(HardhatKey0));
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", key.Address.ToString());
    }

    [Fact]
    public void SignMessage_RandomKeysAndMessages_EqualsEthersSignMessage_AndRecovers()
    {
        var random = new Random(191);
        var cases = Enumerable.Range(0, 40).Select(i =>
        {
            var secret = new byte[32];
            random.NextBytes(secret);
            secret[0] &= 0x7f;
            var message = i == 0 ? Encoding.UTF8.GetBytes("SHA3-256(genesis)= ab\n") : new byte[random.Next(0, 200)];
            if (i > 0) random.NextBytes(message);
            return (secret, message);
        }).ToArray();
        var answer = TxOracle.Run(new { messages = cases.Select(c => new { key = Hex.Encode(c.secret), message = Hex.Encode(c.message) }) })
            .GetProperty("messages").EnumerateArray().ToArray();
        for (var i = 0; i < cases.Length; i++)
        {
            using var key = Secp256k1Key.FromPrivateKey(cases[i].secret);
            Assert.Equal(answer[i].GetProperty("hash").GetString(), Hex.Encode(PersonalMessage.Hash(cases[i].message)));
            var signature = PersonalMessage.Sign(key, cases[i].message);
            Assert.Equal(answer[i].GetProperty("signature").GetString(), Hex.Encode(signature));
            Assert.Equal(key.Address, PersonalMessage.RecoverSigner(cases[i].message, signature));
        }
    }

    [Fact]
    public void Sign_AlwaysGivesLowS()
    {
        using var key = Secp256k1Key.FromPrivateKey(Convert.FromHexString(HardhatKey0));
        var halfN = System.Numerics.BigInteger.Parse("57896044618658097711785492504343953926418782139537452191302581570759080747168", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 50; i++)
        {
            var hash = PersonalMessage.Hash(BitConverter.GetBytes(i));
            var signature = key.Sign(hash);
            Assert.True(signature.S <= halfN);
            Assert.Equal(key.Address, SignatureRecovery.RecoverAddress(hash, signature));
        }
    }

    [Fact]
    public void RecoverSigner_TamperedMessage_GivesAnotherAddress()
    {
        using var key = Secp256k1Key.FromPrivateKey(Convert.FromHexString(HardhatKey0));
        var signature = PersonalMessage.Sign(key, "unpause"u8);
        Assert.NotEqual(key.Address, PersonalMessage.RecoverSigner("unpausE"u8, signature));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
    public void FromPrivateKey_OutsideTheGroup_IsRejected(string hex) =>
        Assert.Throws<InvalidDataException>(() => Secp256k1Key.FromPrivateKey(Convert.FromHexString(hex)));

    [Fact]
    public void Sign_AfterDispose_Throws()
    {
        var key = Secp256k1Key.Generate();
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Sign(new byte[32]));
    }

    [Fact]
    public void SignatureFromBytes_BadV_IsRejected()
    {
        var bytes = new byte[65];
        bytes[64] = 29;
        Assert.Throws<InvalidDataException>(() => EthSignature.FromBytes(bytes));
    }
}

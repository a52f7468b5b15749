using System.Numerics;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.Transactions;

namespace Rollout.Bridge.Tests.Ethereum.Transactions;

public sealed class SignedTransactionTests
{
    [Fact]
    public void Sign_RandomType2AndLegacyTransactions_GivesEthersBytesAndHashes()
    {
        var random = new Random(1559);
        var cases = Enumerable.Range(0, 80).Select(i => (key: RandomKey(random), tx: i % 3 == 2 ? (object)RandomLegacy(random) : RandomEip1559(random))).ToArray();
        var answer = TxOracle.Run(new { txs = cases.Select(c => new { key = Hex.Encode(c.key), tx = Json(c.tx) }) }).GetProperty("txs").EnumerateArray().ToArray();

        for (var i = 0; i < cases.Length; i++)
        {
            using var key = Secp256k1Key.FromPrivateKey(cases[i].key);
            var signed = cases[i].tx is Eip1559Transaction t2 ? t2.Sign(key) : ((LegacyTransaction)cases[i].tx).Sign(key);
            Assert.Equal(answer[i].GetProperty("unsignedHash").GetString(), Hex.Encode(signed.SigningHash()));
            Assert.True(answer[i].GetProperty("serialized").GetString() == Hex.Encode(signed.RawBytes), $"case {i} ({cases[i].tx.GetType().Name}) differs from ethers");
            Assert.Equal(answer[i].GetProperty("walletSerialized").GetString(), Hex.Encode(signed.RawBytes));
            Assert.Equal(answer[i].GetProperty("hash").GetString(), Hex.Encode(signed.Hash));
            Assert.Equal(answer[i].GetProperty("from").GetString(), key.Address.ToString());

            var decoded = SignedTransaction.Decode(signed.RawBytes);
            Assert.Equal(key.Address, decoded.Sender());
            Assert.Equal(signed.Hash, decoded.Hash);
            Assert.Equal(signed.Nonce, decoded.Nonce);
        }
    }

    [Fact]
    public void Sign_HardhatFirstAccountTransfer_IsDeterministic()
    {
        using var key = Secp256k1Key.FromPrivateKey(Convert.FromHexString("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
        var tx = new Eip1559Transaction(31337, 0, 1_000_000_000, 2_000_000_000, 21_000, Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), BigInteger.Pow(10, 18), []);
        Assert.Equal(tx.Sign(key).RawBytes, tx.Sign(key).RawBytes);
    }

    [Fact]
    public void Decode_HighS_IsRejected()
    {
        using var key = Secp256k1Key.Generate();
        var tx = new Eip1559Transaction(1, 1, 1, 2, 21_000, Address.Zero, 0, []);
        var signature = key.Sign(tx.SigningHash());
        var n = BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337", System.Globalization.CultureInfo.InvariantCulture);
        var malleated = tx.WithSignature(signature with { S = n - signature.S, YParity = 1 - signature.YParity });
        Assert.Contains("high s", Assert.Throws<InvalidDataException>(() => SignedTransaction.Decode(malleated.RawBytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownType_IsRejected() =>
        Assert.Contains("type 0x01", Assert.Throws<InvalidDataException>(() => SignedTransaction.Decode([0x01, 0xc0])).Message, StringComparison.Ordinal);

    [Fact]
    public void Sign_PriorityFeeAboveMaxFee_IsRejected()
    {
        using var key = Secp256k1Key.Generate();
        var tx = new Eip1559Transaction(1, 0, 3, 2, 21_000, Address.Zero, 0, []);
        Assert.Throws<InvalidDataException>(() => tx.Sign(key));
    }

    private static byte[] RandomKey(Random random)
    {
        var key = new byte[32];
        random.NextBytes(key);
        key[0] = (byte)(key[0] % 0xf0 + 1);
        return key;
    }

    private static BigInteger RandomUInt(Random random, int maxBytes)
    {
        var bytes = new byte[random.Next(0, maxBytes + 1)];
        random.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    private static Eip1559Transaction RandomEip1559(Random random)
    {
        var tip = RandomUInt(random, 12);
        var data = new byte[random.Next(0, 3) == 0 ? 0 : random.Next(1, 600)];
        random.NextBytes(data);
        var access = Enumerable.Range(0, random.Next(0, 3)).Select(_ =>
            new AccessListEntry(RandomAddress(random), Enumerable.Range(0, random.Next(0, 3)).Select(_ => { var k = new byte[32]; random.NextBytes(k); return k; }).ToArray())).ToArray();
        return new Eip1559Transaction(
            random.Next(3) == 0 ? 1 : RandomUInt(random, 6) + 1, (ulong)random.NextInt64(0, 1L << 53), tip, tip + RandomUInt(random, 12),
            (ulong)random.Next(21_000, 30_000_000), random.Next(5) == 0 ? null : RandomAddress(random), RandomUInt(random, 32), data, access);
    }

    private static LegacyTransaction RandomLegacy(Random random)
    {
        var data = new byte[random.Next(0, 100)];
        random.NextBytes(data);
        return new LegacyTransaction((ulong)random.Next(), RandomUInt(random, 12), (ulong)random.Next(21_000, 30_000_000),
            random.Next(5) == 0 ? null : RandomAddress(random), RandomUInt(random, 20), data, random.Next(3) == 0 ? 1 : RandomUInt(random, 4) + 1);
    }

    private static Address RandomAddress(Random random)
    {
        var bytes = new byte[20];
        random.NextBytes(bytes);
        return Address.FromBytes(bytes);
    }

    // ethers holds nonces as JavaScript numbers, so the random nonces stay below 2^53.
    private static object Json(object tx) => tx switch
    {
        Eip1559Transaction t => new
        {
            type = 2, chainId = t.ChainId.ToString(), nonce = t.Nonce.ToString(), maxPriorityFeePerGas = t.MaxPriorityFeePerGas.ToString(),
            maxFeePerGas = t.MaxFeePerGas.ToString(), gasLimit = t.GasLimit.ToString(), to = t.To?.ToLowerHex(), value = t.Value.ToString(),
            data = Hex.Encode(t.Data), accessList = t.AccessList!.Select(e => new { address = e.Address.ToLowerHex(), storageKeys = e.StorageKeys.Select(k => Hex.Encode(k)) }),
        },
        LegacyTransaction t => (object)new
        {
            type = 0, chainId = t.ChainId.ToString(), nonce = t.Nonce.ToString(), gasPrice = t.GasPrice.ToString(), gasLimit = t.GasLimit.ToString(),
            to = t.To?.ToLowerHex(), value = t.Value.ToString(), data = Hex.Encode(t.Data),
        },
        _ => throw new ArgumentException("unknown transaction", nameof(tx)),
    };
}

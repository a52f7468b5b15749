using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Org.BouncyCastle.Crypto.Digests;
using Rollout.TestSupport;
using Rollout.Token.Hashing;

namespace Rollout.Token.Tests.Hashing;

public sealed class Keccak256Tests
{
    [Fact]
    public void Hash_OfNothing_IsEthereumsEmptyHash() =>
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Convert.ToHexStringLower(Keccak256.Hash([])));

    [Fact]
    public void Hash_RandomInputsAcrossTheRateBoundary_EqualsEthers()
    {
        var random = new Random(256);
        // 136 bytes is Keccak-256's rate: lengths around it and its multiples exercise the padding.
        var inputs = new[] { 0, 1, 31, 32, 64, 135, 136, 137, 271, 272, 273, 1000 }
            .Concat(Enumerable.Range(0, 40).Select(_ => random.Next(0, 600)))
            .Select(length =>
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                return bytes;
            }).ToArray();
        var expected = JsonSerializer.Deserialize<string[]>(NodeOracle.Run("keccak.mjs", JsonSerializer.Serialize(inputs.Select(Convert.ToHexStringLower))))!;

        Assert.Equal(expected, inputs.Select(b => "0x" + Convert.ToHexStringLower(Keccak256.Hash(b))));
    }

    [Fact]
    public void Hash_AnyInput_EqualsBouncyCastlesKeccakDigest() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), data => Keccak256.Hash(data).AsSpan().SequenceEqual(BouncyCastle(data)))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Hash_LongInputsOfManyBlocks_EqualsBouncyCastlesKeccakDigest()
    {
        var random = new Random(1600);
        foreach (var length in new[] { 408, 409, 4096, 100_001 })
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(BouncyCastle(data), Keccak256.Hash(data));
        }
    }

    [Fact]
    public void HashShort_Of32And64Bytes_EqualsTheGeneralHash()
    {
        var random = new Random(64);
        for (var i = 0; i < 200; i++)
        {
            var data = new byte[i % 2 == 0 ? 32 : 64];
            random.NextBytes(data);
            var output = new byte[32];
            Keccak256.HashShort(data, output);
            Assert.Equal(Keccak256.Hash(data), output);
        }
    }

    [Fact]
    public void HashShort_OfAnotherLength_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Keccak256.HashShort(new byte[33], new byte[32]));

    private static byte[] BouncyCastle(byte[] data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }
}

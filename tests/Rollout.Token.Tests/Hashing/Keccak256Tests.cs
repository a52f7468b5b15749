using System.Text.Json;
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
}

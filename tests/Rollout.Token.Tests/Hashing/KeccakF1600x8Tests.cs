using Rollout.Token.Hashing;

namespace Rollout.Token.Tests.Hashing;

public sealed class KeccakF1600x8Tests
{
    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void HashShort_EightMessages_GiveTheScalarDigests(int length)
    {
        if (!KeccakF1600x8.IsSupported) return; // the tree then uses the scalar hash alone
        var random = new Random(length);
        for (var round = 0; round < 200; round++)
        {
            var input = new byte[KeccakF1600x8.Width * length];
            random.NextBytes(input);
            if (round == 0) Array.Clear(input);
            var output = new byte[KeccakF1600x8.Width * 32];
            KeccakF1600x8.HashShort(input, length, output);
            for (var k = 0; k < KeccakF1600x8.Width; k++)
            {
                Assert.Equal(Keccak256.Hash(input.AsSpan(k * length, length)), output.AsSpan(k * 32, 32).ToArray());
            }
        }
    }
}

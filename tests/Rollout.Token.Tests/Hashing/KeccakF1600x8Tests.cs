using Rollout.Token.Addressing;
using Rollout.Token.Commitment;
using Rollout.Token.Genesis;
using Rollout.Token.Hashing;

namespace Rollout.Token.Tests.Hashing;

public sealed class KeccakF1600x8Tests
{
    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void HashShort_EightMessages_GiveTheScalarDigestsWhereSupported(int length)
    {
        if (KeccakF1600x8.IsSupported) AssertEightWideIsScalar(length);
        // Without AVX-512 the eight-wide hash cannot run: the tree's full batches must then be hashed one at
        // a time and still give the scalar digests (xunit 2 has no dynamic skip, so this is what is checked).
        else AssertTreeBatchesAreScalar();
    }

    private static void AssertEightWideIsScalar(int length)
    {
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

    private static void AssertTreeBatchesAreScalar()
    {
        var random = new Random(19);
        var values = Enumerable.Range(0, 19).Select(_ =>
        {
            var address = new byte[32];
            random.NextBytes(address);
            return new GenesisAllocation(QuilAddress.FromBytes(address), random.NextInt64(1, long.MaxValue));
        }).ToArray();
        var leaves = new byte[values.Length * 32];
        TreeHashing.Leaves(values, 0, values.Length, leaves);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(AllocationLeaf.Hash(values[i].Address, values[i].Units), leaves.AsSpan(i * 32, 32).ToArray());
        }

        // Nodes 9..17 have their children in 19..36, outside the range, so each is one hashPair of the input.
        var nodes = new byte[37 * 32];
        random.NextBytes(nodes);
        var expected = (byte[])nodes.Clone();
        for (var i = 9; i < 18; i++) MerkleProof.HashPair(nodes.AsSpan(((2 * i) + 1) * 32, 32), nodes.AsSpan(((2 * i) + 2) * 32, 32), expected.AsSpan(i * 32, 32));
        TreeHashing.Nodes(nodes, 9, 18);
        Assert.Equal(expected, nodes);
    }
}

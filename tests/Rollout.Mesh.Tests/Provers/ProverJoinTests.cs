using Rollout.Mesh.Identity;
using Rollout.Mesh.Provers;

namespace Rollout.Mesh.Tests.Provers;

public sealed class ProverJoinTests
{
    private static readonly Ed25519KeyPair Key = Ed25519KeyPair.Generate(new Random(11));

    [Fact]
    public void Decode_OfEncoded_GivesTheSameJoin()
    {
        var target = ShardAddress.Root.Child(3).Child(1);
        var join = ProverJoin.Create(Key, 77, 12345, target);

        var decoded = ProverJoin.Decode(join.Encoded, "join");

        Assert.Equal(Key.PeerId, decoded.Prover);
        Assert.Equal(77UL, decoded.Seniority);
        Assert.Equal(12345UL, decoded.Frame);
        Assert.Equal(target, decoded.Target);
        Assert.Equal("root/3/1", decoded.Target.ToString());
        Assert.True(decoded.Verify());
    }

    [Theory]
    [InlineData(10, "join[1].prover: needs 38 bytes, 9 left")]
    [InlineData(50, "join[47].frame: needs 8 bytes, 3 left")]
    public void Decode_Truncated_NamesTheOffsetAndField(int keep, string expected)
    {
        var encoded = ProverJoin.Create(Key, 1, 2, ShardAddress.Root).Encoded.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => ProverJoin.Decode(encoded.AsSpan(0, keep), "join"));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Decode_ShardDeeperThanAllowed_IsRejected()
    {
        var encoded = ProverJoin.Create(Key, 1, 2, ShardAddress.Root).Encoded.ToArray();
        encoded[55] = 200;
        var error = Assert.Throws<InvalidDataException>(() => ProverJoin.Decode(encoded, "join"));
        Assert.Equal("join[55].shardDepth: 200 is more than 32", error.Message);
    }
}

using FsCheck;
using FsCheck.Fluent;
using Rollout.Token.Addressing;
using Rollout.Token.Commitment;
using Rollout.Token.Genesis;

namespace Rollout.Token.Tests.Commitment;

public sealed class StandardMerkleTreePropertyTests
{
    [Fact]
    public void Build_AnyValues_EveryProofVerifiesAndNoOtherAmountDoes() =>
        Prop.ForAll(Gen.Choose(1, 70).Select(Allocations).ToArbitrary(), allocations =>
        {
            var tree = StandardMerkleTree.Build(allocations);
            return allocations.Select((a, i) =>
                MerkleProof.Verify(tree.Root, a.Address, a.Units, tree.GetProof(i))
                && !MerkleProof.Verify(tree.Root, a.Address, a.Units + 1, tree.GetProof(i))).All(ok => ok);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Build_ValuesInAnotherOrder_GiveTheSameRoot() =>
        Prop.ForAll(Gen.Choose(1, 70).Select(Allocations).ToArbitrary(), allocations =>
        {
            var reversed = allocations.Reverse().ToArray();
            return StandardMerkleTree.Build(allocations).RootHex == StandardMerkleTree.Build(reversed).RootHex;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Build_ProofLength_IsAtMostTheTreeDepth() =>
        Prop.ForAll(Gen.Choose(1, 300).Select(Allocations).ToArbitrary(), allocations =>
        {
            var tree = StandardMerkleTree.Build(allocations);
            var depth = (int)Math.Ceiling(Math.Log2(allocations.Length));
            return Enumerable.Range(0, allocations.Length).All(i => tree.GetProof(i).Count <= depth);
        }).QuickCheckThrowOnFailure();

    private static GenesisAllocation[] Allocations(int count)
    {
        var random = new Random(count * 7919);
        var bytes = new byte[32];
        return Enumerable.Range(0, count).Select(i =>
        {
            random.NextBytes(bytes);
            return new GenesisAllocation(QuilAddress.FromBytes(bytes), random.NextInt64(1, long.MaxValue));
        }).ToArray();
    }
}

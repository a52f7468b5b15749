using System.Buffers.Binary;
using System.Collections.Concurrent;
using Rollout.Token.Addressing;
using Rollout.Token.Genesis;

namespace Rollout.Token.Commitment;

/// <summary>
/// OpenZeppelin's <c>StandardMerkleTree</c> (standard-v1) over genesis allocations, built to give the
/// same bytes: leaves sorted by hash and stored at the end of a heap-ordered array in reverse, inner
/// node i = hashPair(node 2i+1, node 2i+2), values kept in input order with their tree index. Built
/// in parallel level by level; all nodes live in one flat array (32 bytes each).
/// </summary>
public sealed class StandardMerkleTree
{
    private const int ParallelThreshold = 4096;
    private readonly byte[] _nodes;
    private readonly int[] _treeIndex;
    private Dictionary<QuilAddress, int>? _byAddress;

    private StandardMerkleTree(GenesisAllocation[] values, byte[] nodes, int[] treeIndex)
    {
        Values = values;
        _nodes = nodes;
        _treeIndex = treeIndex;
    }

    /// <summary>The allocations in the order they were given (the order of <c>values</c> in the JSON).</summary>
    public IReadOnlyList<GenesisAllocation> Values { get; }

    /// <summary>The number of nodes, 2·values − 1.</summary>
    public int NodeCount => _nodes.Length / 32;

    /// <summary>The root (node 0).</summary>
    public ReadOnlySpan<byte> Root => Node(0);

    /// <summary>The root as 0x-prefixed lower-case hex.</summary>
    public string RootHex => "0x" + Convert.ToHexStringLower(Root);

    /// <summary>Node <paramref name="index"/> of the heap-ordered array.</summary>
    public ReadOnlySpan<byte> Node(int index) => _nodes.AsSpan(index * 32, 32);

    /// <summary>Where value <paramref name="valueIndex"/>'s leaf sits in the node array.</summary>
    public int TreeIndexOf(int valueIndex) => _treeIndex[valueIndex];

    /// <summary>Builds the tree; the values must be distinct (genesis allocations are, by address).</summary>
    public static StandardMerkleTree Build(IReadOnlyList<GenesisAllocation> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new InvalidDataException("the genesis has no allocation, and a Merkle tree needs at least one leaf");
        var count = values.Count;
        var array = values.ToArray();

        var leaves = new byte[count * 32];
        ForRange(0, count, (from, to) => TreeHashing.Leaves(array, from, to, leaves));

        var keys = new LeafKey[count];
        for (var i = 0; i < count; i++) keys[i] = LeafKey.Of(leaves.AsSpan(i * 32, 32), i);
        Array.Sort(keys);

        var nodeCount = (2 * count) - 1;
        var nodes = new byte[nodeCount * 32];
        var treeIndex = new int[count];
        for (var i = 0; i < count; i++)
        {
            var position = nodeCount - 1 - i;
            leaves.AsSpan(keys[i].ValueIndex * 32, 32).CopyTo(nodes.AsSpan(position * 32, 32));
            treeIndex[keys[i].ValueIndex] = position;
        }

        // Inner nodes are 0 … count−2; a heap level [2^k − 1, 2^(k+1) − 2] depends only on deeper ones.
        var lastInner = count - 2;
        for (var level = lastInner < 0 ? -1 : 31 - int.LeadingZeroCount(lastInner + 1); level >= 0; level--)
        {
            var from = (1 << level) - 1;
            var to = Math.Min((2 << level) - 1, lastInner + 1);
            ForRange(from, to, (lo, hi) => TreeHashing.Nodes(nodes, lo, hi));
        }
        return new StandardMerkleTree(array, nodes, treeIndex);
    }

    /// <summary>The sibling hashes from value <paramref name="valueIndex"/>'s leaf up to the root, as OpenZeppelin's <c>getProof</c> lists them.</summary>
    public IReadOnlyList<byte[]> GetProof(int valueIndex)
    {
        var proof = new List<byte[]>();
        for (var index = _treeIndex[valueIndex]; index > 0; index = (index - 1) / 2)
        {
            var sibling = index % 2 == 1 ? index + 1 : index - 1;
            proof.Add(Node(sibling).ToArray());
        }
        return proof;
    }

    /// <summary>The value index of an address, or −1.</summary>
    public int IndexOf(QuilAddress address)
    {
        _byAddress ??= Values.Select((v, i) => (v.Address, i)).ToDictionary(p => p.Address, p => p.i);
        return _byAddress.GetValueOrDefault(address, -1);
    }

    private static void ForRange(int from, int to, Action<int, int> body)
    {
        if (to - from < ParallelThreshold)
        {
            body(from, to);
            return;
        }
        var chunk = Math.Max(ParallelThreshold, (to - from) / (Environment.ProcessorCount * 8));
        Parallel.ForEach(Partitioner.Create(from, to, chunk), range => body(range.Item1, range.Item2));
    }

    /// <summary>A leaf hash as four big-endian words, so sorting compares it as OpenZeppelin's BigInt compare does.</summary>
    private readonly record struct LeafKey(ulong A, ulong B, ulong C, ulong D, int ValueIndex) : IComparable<LeafKey>
    {
        public static LeafKey Of(ReadOnlySpan<byte> hash, int valueIndex) => new(
            BinaryPrimitives.ReadUInt64BigEndian(hash),
            BinaryPrimitives.ReadUInt64BigEndian(hash[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(hash[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(hash[24..]),
            valueIndex);

        public int CompareTo(LeafKey other)
        {
            var order = A.CompareTo(other.A);
            if (order != 0) return order;
            order = B.CompareTo(other.B);
            if (order != 0) return order;
            order = C.CompareTo(other.C);
            return order != 0 ? order : D.CompareTo(other.D);
        }
    }
}

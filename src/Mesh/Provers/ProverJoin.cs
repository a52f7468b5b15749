using System.Buffers.Binary;
using Rollout.Mesh.Identity;
using Rollout.Mesh.Wire;

namespace Rollout.Mesh.Provers;

/// <summary>
/// A prover's signed request to enroll in a shard, announced over pubsub. Encoding: <c>multihash length (1) |
/// multihash | seniority (8) | frame (8) | shard depth (1) | shard path | signature (64)</c>, integers
/// big-endian; the signature covers <see cref="SigningDomain"/> and every byte before it, by the
/// Ed25519 key the prover's peer ID inlines.
/// </summary>
public sealed class ProverJoin
{
    /// <summary>Prefix of the signed bytes.</summary>
    public static ReadOnlySpan<byte> SigningDomain => "rollout-prover-join:"u8;

    private readonly byte[] _encoded;

    private ProverJoin(PeerId prover, ulong seniority, ulong frame, ShardAddress target, byte[] encoded)
    {
        Prover = prover;
        Seniority = seniority;
        Frame = frame;
        Target = target;
        _encoded = encoded;
    }

    /// <summary>The prover.</summary>
    public PeerId Prover { get; }

    /// <summary>The prover's seniority: joins of one frame are applied most senior first.</summary>
    public ulong Seniority { get; }

    /// <summary>The frame the join was announced for.</summary>
    public ulong Frame { get; }

    /// <summary>The shard the prover computed from its own view of the slots.</summary>
    public ShardAddress Target { get; }

    /// <summary>The wire bytes.</summary>
    public ReadOnlySpan<byte> Encoded => _encoded;

    /// <summary>Makes and signs a join.</summary>
    public static ProverJoin Create(Ed25519KeyPair key, ulong seniority, ulong frame, ShardAddress target)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(target);
        var multihash = key.PeerId.Multihash;
        var body = new byte[1 + multihash.Length + 8 + 8 + 1 + target.Depth];
        body[0] = (byte)multihash.Length;
        multihash.CopyTo(body.AsSpan(1));
        var at = 1 + multihash.Length;
        BinaryPrimitives.WriteUInt64BigEndian(body.AsSpan(at), seniority);
        BinaryPrimitives.WriteUInt64BigEndian(body.AsSpan(at + 8), frame);
        body[at + 16] = (byte)target.Depth;
        target.Path.CopyTo(body.AsSpan(at + 17));
        var signature = key.Sign([.. SigningDomain, .. body]);
        return new ProverJoin(key.PeerId, seniority, frame, target, [.. body, .. signature]);
    }

    /// <summary>True when the prover's own key signed it.</summary>
    public bool Verify()
    {
        var body = _encoded.AsSpan(0, _encoded.Length - Ed25519KeyPair.SignatureLength);
        return Ed25519KeyPair.Verify(Prover, [.. SigningDomain, .. body], _encoded.AsSpan(body.Length));
    }

    /// <summary>Parses wire bytes; throws <see cref="InvalidDataException"/> naming <paramref name="source"/>, the offset and the field.</summary>
    public static ProverJoin Decode(ReadOnlySpan<byte> bytes, string source)
    {
        var offset = 0;
        int hashLength = WireReader.Take(bytes, ref offset, 1, source, "multihash length")[0];
        if (!PeerId.TryFromMultihash(WireReader.Take(bytes, ref offset, hashLength, source, "prover"), out var prover, out var error))
        {
            throw new InvalidDataException($"{source}[1].prover: {error}");
        }
        var seniority = BinaryPrimitives.ReadUInt64BigEndian(WireReader.Take(bytes, ref offset, 8, source, "seniority"));
        var frame = BinaryPrimitives.ReadUInt64BigEndian(WireReader.Take(bytes, ref offset, 8, source, "frame"));
        var depthAt = offset;
        int depth = WireReader.Take(bytes, ref offset, 1, source, "shard depth")[0];
        if (depth > ShardAddress.MaxDepth)
        {
            throw new InvalidDataException($"{source}[{depthAt}].shardDepth: {depth} is more than {ShardAddress.MaxDepth}");
        }
        var target = ShardAddress.FromPath(WireReader.Take(bytes, ref offset, depth, source, "shard path"));
        WireReader.Take(bytes, ref offset, Ed25519KeyPair.SignatureLength, source, "signature");
        if (offset != bytes.Length)
        {
            throw new InvalidDataException($"{source}[{offset}]: {bytes.Length - offset} bytes after the signature");
        }
        return new ProverJoin(prover!, seniority, frame, target, bytes.ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() => $"join of {Prover} (seniority {Seniority}) to {Target} at frame {Frame}";
}

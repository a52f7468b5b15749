using Rollout.Mesh.Identity;
using Rollout.Mesh.Pubsub;

namespace Rollout.Mesh.Scenarios;

/// <summary>One message on the simulated wire: a connection event or an RPC (a class, so the engine holds it without boxing).</summary>
public sealed class MeshWire
{
    /// <summary>The handshake and close messages carry no RPC; they are shared to allocate nothing per connection.</summary>
    internal static readonly MeshWire AcceptNoRecord = new(MeshWireKind.Accept, null, null);

    /// <summary>A close or refusal.</summary>
    internal static readonly MeshWire Close = new(MeshWireKind.Close, null, null);

    /// <summary>Creates a wire message.</summary>
    public MeshWire(MeshWireKind kind, SignedPeerRecord? record, PubsubRpc? rpc)
    {
        Kind = kind;
        Record = record;
        Rpc = rpc;
        Size = 8 + (rpc?.ApproximateSize() ?? 0) + (record is null ? 0 : record.Encoded.Length);
    }

    /// <summary>What this is.</summary>
    public MeshWireKind Kind { get; }

    /// <summary>The sender's record on a dial or accept.</summary>
    public SignedPeerRecord? Record { get; }

    /// <summary>The RPC, for <see cref="MeshWireKind.Rpc"/>.</summary>
    public PubsubRpc? Rpc { get; }

    /// <summary>Bytes on the wire: the RPC's approximate size or the record, plus a small frame header (computed once: RPCs and records are immutable).</summary>
    public int Size { get; }
}

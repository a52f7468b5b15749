using Rollout.Mesh.Identity;
using Rollout.Mesh.Pubsub;
using Rollout.Mesh.Roles;
using Rollout.Mesh.Transport;

namespace Rollout.Mesh.Tests.Pubsub;

/// <summary>One node of a <see cref="TestNetwork"/>: its key, record and router, and what it received.</summary>
internal sealed class TestNode : IPeerNetwork<PubsubRpc>
{
    private readonly TestNetwork _network;

    public TestNode(TestNetwork network, Ed25519KeyPair key)
    {
        _network = network;
        Key = key;
        Record = SignedPeerRecord.Create(key, 1, [$"/ip4/127.0.0.1/udp/{8336 + network.Nodes.Count}/quic-v1"]);
    }

    public Ed25519KeyPair Key { get; }

    public PeerId Id => Key.PeerId;

    public SignedPeerRecord Record { get; }

    public GossipSubRouter? Router { get; set; }

    public MeshNode? Mesh { get; set; }

    public IPeerNetworkHandler<PubsubRpc>? Handler { get; set; }

    public GossipSubRouter R => Router ?? throw new InvalidOperationException("a silent node has no router");

    /// <summary>RPCs received by a node without a handler.</summary>
    public List<(PeerId From, PubsubRpc Rpc)> Inbox { get; } = [];

    public List<PubsubMessage> Received { get; } = [];

    public void Send(PeerId peer, PubsubRpc message) => _network.Send(Id, peer, message);

    public void Connect(SignedPeerRecord record) => _network.Dial(Id, record);

    public void Disconnect(PeerId peer) => _network.Disconnect(Id, peer);

    /// <summary>Sends a hand-made RPC from this node and delivers it.</summary>
    public void Inject(TestNode to, PubsubRpc rpc)
    {
        _network.Send(Id, to.Id, rpc);
        _network.Run();
    }

    /// <summary>Joins a topic and records deliveries.</summary>
    public void Join(string topic)
    {
        R.Delivered ??= Received.Add;
        R.Join(topic);
        _network.Run();
    }
}

using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Pubsub;

/// <summary>A published message. Immutable, so one instance may travel through many routers of a simulation.</summary>
public sealed class PubsubMessage
{
    private PubsubRpc? _alone;

    /// <summary>Creates a message and computes its ID.</summary>
    public PubsubMessage(PeerId author, ulong sequenceNumber, string topic, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        Author = author;
        SequenceNumber = sequenceNumber;
        Topic = topic;
        Data = data;
        Id = MessageId.Of(author, sequenceNumber);
    }

    /// <summary>The peer that published it.</summary>
    public PeerId Author { get; }

    /// <summary>The author's counter; with the author it makes the ID.</summary>
    public ulong SequenceNumber { get; }

    /// <summary>The topic it was published on.</summary>
    public string Topic { get; }

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The deterministic message ID.</summary>
    public MessageId Id { get; }

    /// <summary>
    /// An RPC carrying this message and nothing else, made on first use (once, even when routers on
    /// several simulation threads ask at once) and shared: forwarding sends the same RPC to every mesh
    /// peer, and in a simulation every router forwards the same instance, so a forwarded copy
    /// allocates nothing. RPCs are immutable, so sharing is safe.
    /// </summary>
    internal PubsubRpc Alone => Volatile.Read(ref _alone) ?? Interlocked.CompareExchange(ref _alone, new PubsubRpc([], new[] { this }, [], [], [], []), null) ?? _alone!;

    /// <inheritdoc/>
    public override string ToString() => $"{Id} on {Topic} by {Author}";
}

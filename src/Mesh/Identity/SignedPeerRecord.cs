using System.Buffers.Binary;
using System.Text;
using Rollout.Mesh.Wire;

namespace Rollout.Mesh.Identity;

/// <summary>
/// A peer's self-signed statement of where it can be reached, as PRUNE peer exchange hands it on.
/// Rollout's own compact encoding rather than libp2p's envelope: <c>multihash length (1) | multihash |
/// sequence (8, big-endian) | address count (1) | per address: length (1) | UTF-8 | signature (64)</c>;
/// the signature covers <see cref="SigningDomain"/> followed by every byte before it, made by the
/// Ed25519 key the peer ID inlines, so a receiver needs nothing but the record to check it.
/// </summary>
public sealed class SignedPeerRecord
{
    /// <summary>Prefix of the signed bytes, so a record signature can never pass for another message's.</summary>
    public static ReadOnlySpan<byte> SigningDomain => "rollout-peer-record:"u8;

    /// <summary>Most addresses a record may carry.</summary>
    public const int MaxAddresses = 16;

    private readonly byte[] _encoded;

    // 0 unknown, 1 valid, 2 invalid: records are immutable and shared, so each is checked once.
    private int _verified;

    private SignedPeerRecord(PeerId peerId, ulong sequence, IReadOnlyList<string> addresses, byte[] encoded)
    {
        PeerId = peerId;
        Sequence = sequence;
        Addresses = addresses;
        _encoded = encoded;
    }

    /// <summary>Whose record this is.</summary>
    public PeerId PeerId { get; }

    /// <summary>Grows with every new record of the same peer; a receiver keeps the highest.</summary>
    public ulong Sequence { get; }

    /// <summary>Where the peer listens (multiaddr text).</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>The wire bytes, signature included.</summary>
    public ReadOnlySpan<byte> Encoded => _encoded;

    /// <summary>Makes and signs a record for <paramref name="key"/>'s peer.</summary>
    public static SignedPeerRecord Create(Ed25519KeyPair key, ulong sequence, IReadOnlyList<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Count > MaxAddresses) throw new ArgumentException($"at most {MaxAddresses} addresses", nameof(addresses));
        var body = new List<byte>(64);
        var multihash = key.PeerId.Multihash;
        body.Add((byte)multihash.Length);
        body.AddRange(multihash.ToArray());
        Span<byte> sequenceBytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(sequenceBytes, sequence);
        body.AddRange(sequenceBytes.ToArray());
        body.Add((byte)addresses.Count);
        foreach (var address in addresses)
        {
            var utf8 = Encoding.UTF8.GetBytes(address);
            if (utf8.Length is 0 or > 255) throw new ArgumentException($"address '{address}' must be 1 to 255 UTF-8 bytes", nameof(addresses));
            body.Add((byte)utf8.Length);
            body.AddRange(utf8);
        }
        var signature = key.Sign([.. SigningDomain, .. body]);
        var record = new SignedPeerRecord(key.PeerId, sequence, [.. addresses], [.. body, .. signature]) { _verified = 1 };
        return record;
    }

    /// <summary>True when the signature is the record peer's own; computed once per instance.</summary>
    public bool Verify()
    {
        if (_verified == 0)
        {
            var body = _encoded.AsSpan(0, _encoded.Length - Ed25519KeyPair.SignatureLength);
            var signature = _encoded.AsSpan(_encoded.Length - Ed25519KeyPair.SignatureLength);
            _verified = Ed25519KeyPair.Verify(PeerId, [.. SigningDomain, .. body], signature) ? 1 : 2;
        }
        return _verified == 1;
    }

    /// <summary>Parses wire bytes; throws <see cref="InvalidDataException"/> naming <paramref name="source"/>, the offset and the field.</summary>
    public static SignedPeerRecord Decode(ReadOnlySpan<byte> bytes, string source)
    {
        var offset = 0;
        var hashLength = WireReader.Take(bytes, ref offset, 1, source, "multihash length")[0];
        var multihash = WireReader.Take(bytes, ref offset, hashLength, source, "peer ID");
        if (!PeerId.TryFromMultihash(multihash, out var peerId, out var error))
        {
            throw new InvalidDataException($"{source}[1].peerId: {error}");
        }
        var sequence = BinaryPrimitives.ReadUInt64BigEndian(WireReader.Take(bytes, ref offset, 8, source, "sequence"));
        var countAt = offset;
        int count = WireReader.Take(bytes, ref offset, 1, source, "address count")[0];
        if (count > MaxAddresses)
        {
            throw new InvalidDataException($"{source}[{countAt}].addressCount: {count} is more than {MaxAddresses}");
        }
        var addresses = new string[count];
        for (var i = 0; i < count; i++)
        {
            int length = WireReader.Take(bytes, ref offset, 1, source, $"addresses[{i}].length")[0];
            var at = offset;
            var text = WireReader.Take(bytes, ref offset, length, source, $"addresses[{i}]");
            try
            {
                addresses[i] = new UTF8Encoding(false, true).GetString(text);
            }
            catch (DecoderFallbackException)
            {
                throw new InvalidDataException($"{source}[{at}].addresses[{i}]: not UTF-8");
            }
        }
        WireReader.Take(bytes, ref offset, Ed25519KeyPair.SignatureLength, source, "signature");
        if (offset != bytes.Length)
        {
            throw new InvalidDataException($"{source}[{offset}]: {bytes.Length - offset} bytes after the signature");
        }
        return new SignedPeerRecord(peerId!, sequence, addresses, bytes.ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() => $"record #{Sequence} of {PeerId}";
}

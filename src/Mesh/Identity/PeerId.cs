namespace Rollout.Mesh.Identity;

/// <summary>
/// A libp2p peer ID: a multihash of the peer's public key, written in Base58. Only the two forms
/// libp2p produces are accepted: identity (code 0x00, keys of at most 42 bytes) and SHA2-256 (code 0x12, 32 bytes).
/// </summary>
public sealed class PeerId : IEquatable<PeerId>
{
    /// <summary>Multihash code of the identity hash, used for small (Ed25519) keys.</summary>
    public const byte IdentityCode = 0x00;

    /// <summary>Multihash code of SHA2-256, used for keys over 42 bytes (Ed448, RSA).</summary>
    public const byte Sha256Code = 0x12;

    /// <summary>The longest key libp2p inlines with the identity hash.</summary>
    public const int MaxInlineKeyLength = 42;

    /// <summary>
    /// The longest text <see cref="TryParse"/> decodes. The longest peer ID libp2p writes, an identity
    /// multihash of a 42-byte key (44 bytes), is about 60 Base58 characters; Base58 decoding is quadratic
    /// in the length, so a hostile million-character "peer ID" would otherwise take hours to refuse.
    /// </summary>
    public const int MaxTextLength = 128;

    /// <summary>Protobuf prefix of an Ed25519 libp2p PublicKey: field 1 (Type) = 1, field 2 (Data) of 32 bytes.</summary>
    private static ReadOnlySpan<byte> Ed25519ProtobufPrefix => [0x08, 0x01, 0x12, 0x20];

    private readonly byte[] _multihash;
    private readonly int _hash;

    // The text is made on first use: a simulator holds hundreds of thousands of IDs and rarely prints them.
    private string? _text;

    private PeerId(byte[] multihash, string? text)
    {
        _multihash = multihash;
        _text = text;
        var hash = new HashCode();
        hash.AddBytes(multihash);
        _hash = hash.ToHashCode();
    }

    /// <summary>The Base58 text form.</summary>
    public string Text => _text ??= Base58.Encode(_multihash);

    /// <summary>The raw multihash bytes (code, length, digest).</summary>
    public ReadOnlySpan<byte> Multihash => _multihash;

    /// <summary>Builds a peer ID from multihash bytes, or says why they are not one.</summary>
    public static bool TryFromMultihash(ReadOnlySpan<byte> multihash, out PeerId? peerId, out string error)
    {
        peerId = null;
        if (multihash.Length < 2)
        {
            error = "too short to be a multihash";
            return false;
        }
        var code = multihash[0];
        var length = multihash[1];
        if (length >= 0x80)
        {
            error = $"multihash length {length} is not a one-byte varint";
            return false;
        }
        if (multihash.Length - 2 != length)
        {
            error = $"multihash declares {length} digest bytes but holds {multihash.Length - 2}";
            return false;
        }
        switch (code)
        {
            case Sha256Code when length != 32:
                error = $"a SHA2-256 multihash holds 32 bytes, not {length}";
                return false;
            case IdentityCode when length is 0 or > MaxInlineKeyLength:
                error = $"an identity multihash holds 1 to {MaxInlineKeyLength} key bytes, not {length}";
                return false;
            case Sha256Code or IdentityCode:
                var bytes = multihash.ToArray();
                peerId = new PeerId(bytes, null);
                error = "";
                return true;
            default:
                error = $"multihash code 0x{code:x2} is neither identity (0x00) nor SHA2-256 (0x12)";
                return false;
        }
    }

    /// <summary>Parses the Base58 text form, or says why it is not a peer ID.</summary>
    public static bool TryParse(string text, out PeerId? peerId, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        peerId = null;
        if (text.Length > MaxTextLength)
        {
            error = $"{text.Length} characters is longer than any peer ID (at most {MaxTextLength})";
            return false;
        }
        if (!Base58.TryDecode(text, out var bytes, out error)) return false;
        return TryFromMultihash(bytes, out peerId, out error);
    }

    /// <summary>Parses the Base58 text form; throws <see cref="FormatException"/> when it is not a peer ID.</summary>
    public static PeerId Parse(string text) =>
        TryParse(text, out var peerId, out var error) ? peerId! : throw new FormatException($"not a peer ID: {error}");

    /// <summary>
    /// True for the same peer. The cheap tests come first (the same instance, then the kept hash), so
    /// telling two different peers apart rarely reads their bytes.
    /// </summary>
    public bool Equals(PeerId? other) =>
        ReferenceEquals(this, other) || (other is not null && _hash == other._hash && _multihash.AsSpan().SequenceEqual(other._multihash));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PeerId);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <summary>
    /// The peer ID of an Ed25519 public key: the identity multihash of the protobuf-encoded libp2p
    /// PublicKey {Type = Ed25519 (1), Data = the 32 key bytes}, as js-libp2p and go-libp2p derive it.
    /// </summary>
    public static PeerId FromEd25519PublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != Ed25519KeyPair.PublicKeyLength)
        {
            throw new ArgumentException($"an Ed25519 public key holds 32 bytes, not {publicKey.Length}", nameof(publicKey));
        }
        var bytes = new byte[2 + 4 + 32];
        bytes[0] = IdentityCode;
        bytes[1] = 4 + 32;
        Ed25519ProtobufPrefix.CopyTo(bytes.AsSpan(2));
        publicKey.CopyTo(bytes.AsSpan(6));
        return new PeerId(bytes, null);
    }

    /// <summary>
    /// The peer ID of an Ed448 public key, as Quilibrium's libp2p fork derives it: the protobuf-encoded
    /// PublicKey {Type = Ed448 (4), Data = the 57 key bytes} is longer than 42 bytes, so it is hashed (SHA2-256, "Qm...").
    /// </summary>
    public static PeerId FromEd448PublicKey(ReadOnlySpan<byte> publicKey)
    {
        const int Ed448KeyLength = 57;
        if (publicKey.Length != Ed448KeyLength)
        {
            throw new ArgumentException($"an Ed448 public key holds {Ed448KeyLength} bytes, not {publicKey.Length}", nameof(publicKey));
        }
        byte[] protobuf = [0x08, 0x04, 0x12, Ed448KeyLength, .. publicKey];
        byte[] multihash = [Sha256Code, 32, .. System.Security.Cryptography.SHA256.HashData(protobuf)];
        return new PeerId(multihash, null);
    }

    /// <summary>The Ed25519 public key inlined in this peer ID, when it is the identity form of one.</summary>
    public bool TryGetEd25519PublicKey(out ReadOnlySpan<byte> publicKey)
    {
        var bytes = _multihash.AsSpan();
        if (bytes.Length == 38 && bytes[0] == IdentityCode && bytes[2..6].SequenceEqual(Ed25519ProtobufPrefix))
        {
            publicKey = bytes[6..];
            return true;
        }
        publicKey = default;
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}

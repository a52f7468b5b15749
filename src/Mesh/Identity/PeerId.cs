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

    private readonly byte[] _multihash;

    private PeerId(byte[] multihash, string text)
    {
        _multihash = multihash;
        Text = text;
    }

    /// <summary>The Base58 text form.</summary>
    public string Text { get; }

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
                peerId = new PeerId(bytes, Base58.Encode(bytes));
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
        if (!Base58.TryDecode(text, out var bytes, out error)) return false;
        return TryFromMultihash(bytes, out peerId, out error);
    }

    /// <summary>Parses the Base58 text form; throws <see cref="FormatException"/> when it is not a peer ID.</summary>
    public static PeerId Parse(string text) =>
        TryParse(text, out var peerId, out var error) ? peerId! : throw new FormatException($"not a peer ID: {error}");

    /// <inheritdoc/>
    public bool Equals(PeerId? other) => other is not null && _multihash.AsSpan().SequenceEqual(other._multihash);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PeerId);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_multihash);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}

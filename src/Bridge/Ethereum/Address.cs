using Org.BouncyCastle.Asn1.Sec;
using Rollout.Token.Hashing;

namespace Rollout.Bridge.Ethereum;

/// <summary>A 20-byte Ethereum account address, printed with its EIP-55 mixed-case checksum.</summary>
public sealed class Address : IEquatable<Address>
{
    /// <summary>The length in bytes.</summary>
    public const int Size = 20;

    private readonly byte[] _bytes;

    private Address(byte[] bytes) => _bytes = bytes;

    /// <summary>The all-zero address.</summary>
    public static Address Zero { get; } = new(new byte[Size]);

    /// <summary>A copy of the 20 bytes.</summary>
    public byte[] ToBytes() => (byte[])_bytes.Clone();

    /// <summary>The 20 bytes, read only.</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>Wraps exactly 20 bytes.</summary>
    public static Address FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new InvalidDataException($"an address is {Size} bytes, not {bytes.Length}");
        return new Address(bytes.ToArray());
    }

    /// <summary>
    /// Parses 40 hex digits with a 0x prefix. All-lower and all-upper digits carry no checksum and are
    /// accepted; mixed case must be the exact EIP-55 checksum, so a mistyped digit is caught.
    /// </summary>
    public static bool TryParse(string? text, out Address? address, out string error)
    {
        address = null;
        if (text is null)
        {
            error = "an address is required";
            return false;
        }
        if (!text.StartsWith("0x", StringComparison.Ordinal) && !text.StartsWith("0X", StringComparison.Ordinal))
        {
            error = $"\"{text}\" does not start with 0x";
            return false;
        }
        var digits = text[2..];
        if (digits.Length != Size * 2)
        {
            error = $"\"{text}\" has {digits.Length} hex digits, an address has {Size * 2}";
            return false;
        }
        if (!digits.All(Uri.IsHexDigit))
        {
            error = $"\"{text}\" is not hex";
            return false;
        }
        var candidate = new Address(Convert.FromHexString(digits));
        var hasLower = digits.Any(char.IsAsciiLetterLower);
        var hasUpper = digits.Any(char.IsAsciiLetterUpper);
        if (hasLower && hasUpper)
        {
            var checksummed = candidate.ToString();
            if (!string.Equals(checksummed[2..], digits, StringComparison.Ordinal))
            {
                error = $"\"{text}\" has mixed case but not its EIP-55 checksum (a digit may be mistyped; the checksummed form of these digits is {checksummed})";
                return false;
            }
        }
        address = candidate;
        error = "";
        return true;
    }

    /// <summary>Parses an address; throws <see cref="InvalidDataException"/> naming <paramref name="field"/> when it is not one.</summary>
    public static Address Parse(string? text, string field = "address") =>
        TryParse(text, out var address, out var error) ? address! : throw new InvalidDataException($"{field}: {error}");

    /// <summary>
    /// The address of a secp256k1 public key: the last 20 bytes of Keccak-256 of the 64-byte X‖Y.
    /// Accepts the key uncompressed (65 bytes with 0x04, or 64 bytes) or compressed (33 bytes).
    /// </summary>
    public static Address FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        byte[] xy;
        if (publicKey.Length == 64)
        {
            xy = publicKey.ToArray();
        }
        else if (publicKey.Length is 33 or 65)
        {
            // Decoding checks the point is on the curve, so a corrupted key fails here rather than giving a wrong address.
            var curve = SecNamedCurves.GetByName("secp256k1").Curve;
            Org.BouncyCastle.Math.EC.ECPoint point;
            try
            {
                point = curve.DecodePoint(publicKey.ToArray());
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException("public key: not a point on secp256k1", ex);
            }
            xy = point.Normalize().GetEncoded(false)[1..];
        }
        else
        {
            throw new InvalidDataException($"public key: {publicKey.Length} bytes is neither 33 (compressed), 64 nor 65 (uncompressed)");
        }
        return new Address(Keccak256.Hash(xy)[12..]);
    }

    /// <summary>The EIP-55 checksummed form, e.g. <c>0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed</c>.</summary>
    public override string ToString()
    {
        var lower = Convert.ToHexStringLower(_bytes);
        var hash = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(lower));
        var chars = new char[Size * 2];
        for (var i = 0; i < chars.Length; i++)
        {
            var nibble = (i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2]) & 0xf;
            chars[i] = nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i];
        }
        return "0x" + new string(chars);
    }

    /// <summary>The lower-case form, as JSON-RPC and keystores write it.</summary>
    public string ToLowerHex() => "0x" + Convert.ToHexStringLower(_bytes);

    /// <inheritdoc/>
    public bool Equals(Address? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 16);

    /// <summary>Compares by bytes.</summary>
    public static bool operator ==(Address? left, Address? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares by bytes.</summary>
    public static bool operator !=(Address? left, Address? right) => !(left == right);
}

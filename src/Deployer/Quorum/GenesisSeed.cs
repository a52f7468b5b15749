using System.Text;

namespace Rollout.Deployer.Quorum;

/// <summary>
/// The genesis seed the unlock signers sign. The reference seed is <c>PHRASE|BLOCKSTAMP</c>, whose tail is a block
/// hash nobody could know before the release. Rollout appends the beacon's Ed448 public key so that the signatures
/// also bind which key may mint pre-coin proofs: <c>UTF8(phrase) ‖ '|' ‖ blockHash(32) ‖ beaconKey(57)</c>.
/// </summary>
public sealed class GenesisSeed
{
    /// <summary>Length of the blockstamp (an Ethereum block hash).</summary>
    public const int BlockstampSize = 32;

    private readonly byte[] _bytes;

    private GenesisSeed(string phrase, byte[] blockstamp, byte[] beacon, byte[] bytes)
    {
        Phrase = phrase;
        Blockstamp = blockstamp;
        Beacon = beacon;
        _bytes = bytes;
    }

    /// <summary>The human phrase.</summary>
    public string Phrase { get; }

    /// <summary>The hash of a block mined after the release was signed.</summary>
    public IReadOnlyList<byte> Blockstamp { get; }

    /// <summary>The beacon's Ed448 public key.</summary>
    public IReadOnlyList<byte> Beacon { get; }

    /// <summary>The seed bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The seed as lower-case hex, the unlock's <c>genesisSeedHex</c>.</summary>
    public string Hex => Convert.ToHexStringLower(_bytes);

    /// <summary>The text each signer signs: <c>SHA3-256(genesis)= HEX\n</c> of the seed bytes.</summary>
    public byte[] SignedText => Encoding.UTF8.GetBytes($"SHA3-256(genesis)= {Convert.ToHexStringLower(Sha3.Hash256(_bytes))}\n");

    /// <summary>Builds a seed; the phrase may not contain '|', so the seed parses back unambiguously.</summary>
    public static GenesisSeed Create(string phrase, ReadOnlySpan<byte> blockstamp, ReadOnlySpan<byte> beacon)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        if (phrase.Length == 0 || phrase.Contains('|', StringComparison.Ordinal)) throw new ArgumentException("the phrase must be non-empty and contain no '|'", nameof(phrase));
        if (blockstamp.Length != BlockstampSize) throw new ArgumentException($"a blockstamp is {BlockstampSize} bytes", nameof(blockstamp));
        if (beacon.Length != Ed448Keys.KeySize) throw new ArgumentException($"the beacon is a {Ed448Keys.KeySize}-byte Ed448 key", nameof(beacon));
        var bytes = Encoding.UTF8.GetBytes(phrase + "|").Concat(blockstamp.ToArray()).Concat(beacon.ToArray()).ToArray();
        return new GenesisSeed(phrase, blockstamp.ToArray(), beacon.ToArray(), bytes);
    }

    /// <summary>Parses seed bytes, or says why they are not a Rollout genesis seed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out GenesisSeed? seed, out string error)
    {
        seed = null;
        var tail = BlockstampSize + Ed448Keys.KeySize;
        if (bytes.Length < tail + 2)
        {
            error = $"a genesis seed is a phrase, '|', a {BlockstampSize}-byte blockstamp and a {Ed448Keys.KeySize}-byte beacon key; this one has {bytes.Length} bytes";
            return false;
        }
        var head = bytes[..^tail];
        if (head[^1] != (byte)'|' || head[..^1].Contains((byte)'|'))
        {
            error = "the phrase must be followed by exactly one '|'";
            return false;
        }
        string phrase;
        try
        {
            phrase = new UTF8Encoding(false, true).GetString(head[..^1]);
        }
        catch (DecoderFallbackException)
        {
            error = "the phrase is not UTF-8";
            return false;
        }
        seed = Create(phrase, bytes[^tail..^Ed448Keys.KeySize], bytes[^Ed448Keys.KeySize..]);
        error = "";
        return true;
    }

    /// <summary>Whether two seeds are the same bytes.</summary>
    public bool SameAs(GenesisSeed other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);
}

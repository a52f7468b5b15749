using Rollout.Bridge.Ethereum;

namespace Rollout.Bridge.Safe;

/// <summary>
/// Gathers owners' signatures for one SafeTx hash and packs them the way <c>execTransaction</c>
/// checks them: each 65-byte signature must recover to an owner, owners strictly ascending by address
/// (the Safe rejects duplicates and disorder with GS026). A signature is refused when it is for another
/// hash, recovers to someone other than its claimed owner (typically: made over another hash), comes
/// from a non-owner, or repeats an owner. State is owned by this instance; it is not thread-safe.
/// </summary>
public sealed class SafeSignatureCollector
{
    private readonly HashSet<Address> _owners;
    private readonly SortedDictionary<string, SafeSignature> _byOwner = new(StringComparer.Ordinal);

    /// <summary>Starts a collection for <paramref name="safeTxHash"/> among <paramref name="owners"/> with <paramref name="threshold"/>.</summary>
    public SafeSignatureCollector(byte[] safeTxHash, IEnumerable<Address> owners, int threshold)
    {
        ArgumentNullException.ThrowIfNull(safeTxHash);
        ArgumentNullException.ThrowIfNull(owners);
        if (safeTxHash.Length != 32) throw new ArgumentException("a SafeTx hash is 32 bytes", nameof(safeTxHash));
        SafeTxHash = (byte[])safeTxHash.Clone();
        _owners = [.. owners];
        if (threshold < 1 || threshold > _owners.Count) throw new ArgumentOutOfRangeException(nameof(threshold), $"threshold {threshold} with {_owners.Count} owners");
        Threshold = threshold;
    }

    /// <summary>The hash being signed.</summary>
    public byte[] SafeTxHash { get; }

    /// <summary>Signatures needed.</summary>
    public int Threshold { get; }

    /// <summary>Distinct owners who have signed.</summary>
    public int Count => _byOwner.Count;

    /// <summary>Whether enough owners have signed.</summary>
    public bool HasThreshold => Count >= Threshold;

    /// <summary>The owners who signed, ascending.</summary>
    public IReadOnlyList<Address> Signers => _byOwner.Values.Select(s => s.Owner).ToArray();

    /// <summary>Adds a signature; returns null when accepted, else why it was refused (nothing is added).</summary>
    public string? Add(SafeSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (!signature.SafeTxHash.AsSpan().SequenceEqual(SafeTxHash))
        {
            return $"signature of {signature.Owner} is for SafeTx {Hex.Encode(signature.SafeTxHash)}, not {Hex.Encode(SafeTxHash)}";
        }
        Address recovered;
        try
        {
            recovered = signature.RecoverSigner();
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }
        if (recovered != signature.Owner)
        {
            return $"signature claimed by {signature.Owner} recovers to {recovered} over {Hex.Encode(SafeTxHash)}: it was made over another hash or by another key";
        }
        if (!_owners.Contains(recovered)) return $"{recovered} is not an owner of the Safe";
        var key = recovered.ToLowerHex();
        if (_byOwner.ContainsKey(key)) return $"{recovered} has already signed";
        _byOwner[key] = signature;
        return null;
    }

    /// <summary>The signatures concatenated in ascending owner order, as <c>execTransaction</c> takes them.</summary>
    public byte[] Packed()
    {
        if (!HasThreshold) throw new InvalidOperationException($"{Count} of {Threshold} signatures collected");
        return [.. _byOwner.Values.SelectMany(s => s.Signature)];
    }
}

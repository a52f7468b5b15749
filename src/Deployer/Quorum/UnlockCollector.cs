namespace Rollout.Deployer.Quorum;

/// <summary>
/// Collects the signers' unlock signatures for one fixed seed and emits the <see cref="SignedGenesisUnlock"/> once the
/// quorum is reached. Each refusal has its own reason, so the operator knows whether a signer made a mistake
/// (wrong seed), someone tampered (forged, unknown signer), or an old signature came back (replayed, pre-dated).
/// </summary>
/// <param name="signatories">The release signatories.</param>
/// <param name="required">Signatures needed (by default <see cref="Plans.QuorumRules.ReferenceUnlock"/>).</param>
/// <param name="seed">The seed the deployer fixed after the release was signed.</param>
/// <param name="earlierSeedHexes">Seeds of earlier unlock attempts of this deployment: signatures over them are replays.</param>
/// <param name="predatesRelease">Whether a blockstamp names a block at or before the release (the chain answers).</param>
public sealed class UnlockCollector(
    SignatorySet signatories,
    int required,
    GenesisSeed seed,
    IReadOnlySet<string> earlierSeedHexes,
    Func<IReadOnlyList<byte>, bool> predatesRelease)
{
    private readonly SortedDictionary<int, UnlockSignature> _accepted = [];

    /// <summary>Signatures accepted so far.</summary>
    public int Count => _accepted.Count;

    /// <summary>Signatures needed.</summary>
    public int Required => required;

    /// <summary>Whether the quorum is reached.</summary>
    public bool HasQuorum => _accepted.Count >= required;

    /// <summary>Checks one signature and keeps it when it is good; returns the reason when it is not.</summary>
    public UnlockRejection? Add(UnlockSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var claimed = signature.GenesisSeedHex.ToLowerInvariant();
        if (claimed != seed.Hex) return ClassifyOtherSeed(claimed);

        var slot = signatories.SlotOf(Convert.FromHexString(signature.PublicKeyHex));
        if (slot is null) return UnlockRejection.UnknownSigner;
        if (!Ed448Keys.Verify(signatories.KeyOf(slot.Value), seed.SignedText, Convert.FromHexString(signature.SignatureHex)))
        {
            return UnlockRejection.Forged;
        }
        if (_accepted.ContainsKey(slot.Value)) return UnlockRejection.Duplicate;
        // Keep the key as the signatory list writes it: the reference node matches keys by exact hex text.
        _accepted[slot.Value] = signature with
        {
            PublicKeyHex = Convert.ToHexStringLower(signatories.KeyOf(slot.Value)),
            SignatureHex = signature.SignatureHex.ToLowerInvariant(),
        };
        return null;
    }

    /// <summary>The signed unlock, in signatory order; throws when the quorum is not reached.</summary>
    public SignedGenesisUnlock Build()
    {
        if (!HasQuorum) throw new InvalidOperationException($"quorum not reached: {_accepted.Count} of {required} signatures");
        return new SignedGenesisUnlock(
            seed.Hex,
            _accepted.Values.Select(s => new SignedGenesisUnlock.Signature(s.PublicKeyHex, s.SignatureHex)).ToArray(),
            seed.Beacon.ToArray());
    }

    private UnlockRejection ClassifyOtherSeed(string claimedHex)
    {
        if (earlierSeedHexes.Contains(claimedHex)) return UnlockRejection.Replayed;
        if (claimedHex.Length % 2 == 0
            && GenesisSeed.TryParse(Convert.FromHexString(claimedHex), out var other, out _)
            && predatesRelease(other!.Blockstamp))
        {
            return UnlockRejection.PreDated;
        }
        return UnlockRejection.WrongSeed;
    }
}

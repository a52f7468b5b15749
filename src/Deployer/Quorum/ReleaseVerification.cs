namespace Rollout.Deployer.Quorum;

/// <summary>The outcome of checking a release binary against its digest and signatures.</summary>
/// <param name="DigestMatches">The <c>.dgst</c> file exists, parses, and equals the binary's SHA3-256.</param>
/// <param name="Problem">Why the digest could not be used, when it could not.</param>
/// <param name="ValidSlots">Slots whose signature verifies.</param>
/// <param name="InvalidSlots">Slots whose signature file exists but does not verify (fatal, as in the reference node).</param>
/// <param name="Required">The quorum that applies.</param>
public sealed record ReleaseVerification(bool DigestMatches, string? Problem, IReadOnlyList<int> ValidSlots, IReadOnlyList<int> InvalidSlots, int Required)
{
    /// <summary>The release may run: the digest matches, no signature is invalid, and the quorum is met.</summary>
    public bool Passed => DigestMatches && InvalidSlots.Count == 0 && ValidSlots.Count >= Required;

    /// <summary>One line for operators.</summary>
    public string Summary => !DigestMatches
        ? $"digest check failed: {Problem}"
        : InvalidSlots.Count > 0
            ? $"invalid signature from signatory #{string.Join(", #", InvalidSlots)}"
            : $"{ValidSlots.Count} valid signature(s) of {Required} required" + (Passed ? "" : ": quorum not met");

    /// <summary>
    /// Checks <paramref name="binaryPath"/> like the reference node: the digest must match; each slot's signature file
    /// is optional, but one that exists must verify; the count of valid ones must reach <paramref name="required"/>.
    /// </summary>
    public static ReleaseVerification Check(string binaryPath, SignatorySet signatories, int required)
    {
        ArgumentNullException.ThrowIfNull(signatories);
        var digestPath = ReleaseDigest.DigestPath(binaryPath);
        if (!File.Exists(binaryPath)) return Failed($"{binaryPath} does not exist");
        if (!File.Exists(digestPath)) return Failed($"{digestPath} does not exist");
        var digestText = File.ReadAllText(digestPath);
        if (!ReleaseDigest.TryParse(digestText, out var claimed, out var error)) return Failed($"{digestPath}: {error}");
        using (var stream = File.OpenRead(binaryPath))
        {
            if (!Sha3.Hash256(stream).AsSpan().SequenceEqual(claimed)) return Failed($"{digestPath} does not match the binary's SHA3-256");
        }

        var signed = ReleaseDigest.SignedBytes(digestText);
        var valid = new List<int>();
        var invalid = new List<int>();
        for (var slot = 1; slot <= signatories.Count; slot++)
        {
            var path = ReleaseDigest.SignaturePath(binaryPath, slot);
            if (!File.Exists(path)) continue;
            var ok = !signatories.IsRetired(slot) && Ed448Keys.Verify(signatories.KeyOf(slot), signed, File.ReadAllBytes(path));
            (ok ? valid : invalid).Add(slot);
        }
        return new ReleaseVerification(true, null, valid, invalid, required);

        ReleaseVerification Failed(string problem) => new(false, problem, [], [], required);
    }
}

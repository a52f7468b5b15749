using Rollout.Deployer.Plans;
using Rollout.Deployer.Quorum;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Quorum;

public sealed class ReleaseSigningTests
{
    private const int Slots = 17;

    [Fact]
    public void Compute_DigestText_IsWhatOpenSslDgstPrints()
    {
        using var dir = new TempDirectory();
        var binary = dir.Write("node-2.0.0-linux-amd64", "a release binary\n");

        Assert.Equal(OpenSsl.Run(dir.Path, "dgst", "-sha3-256", "node-2.0.0-linux-amd64"), ReleaseDigest.Compute(binary));
    }

    [Fact]
    public void Check_NineOfSeventeenSign_MeetsTheReleaseQuorum()
    {
        using var dir = new TempDirectory();
        var (binary, keys, set) = Release(dir);
        foreach (var slot in new[] { 1, 2, 4, 5, 7, 9, 11, 13, 14 }) ReleaseSigner.Sign(binary, keys[slot - 1], slot);

        var result = ReleaseVerification.Check(binary, set, QuorumRules.ReferenceRelease(Slots));

        Assert.True(result.Passed, result.Summary);
        Assert.Equal([1, 2, 4, 5, 7, 9, 11, 13, 14], result.ValidSlots);
        Assert.Equal(9, result.Required);
    }

    [Fact]
    public void Check_EightOfSeventeenSign_FailsForQuorum()
    {
        using var dir = new TempDirectory();
        var (binary, keys, set) = Release(dir);
        for (var slot = 1; slot <= 8; slot++) ReleaseSigner.Sign(binary, keys[slot - 1], slot);

        var result = ReleaseVerification.Check(binary, set, QuorumRules.ReferenceRelease(Slots));

        Assert.False(result.Passed);
        Assert.Contains("8 valid signature(s) of 9 required: quorum not met", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OneSignatureInTheWrongSlot_FailsTheWholeRelease()
    {
        using var dir = new TempDirectory();
        var (binary, keys, set) = Release(dir);
        for (var slot = 1; slot <= 12; slot++) ReleaseSigner.Sign(binary, keys[slot - 1], slot);
        // Signer 13 signs with their key but names the file for slot 14: the reference treats that as fatal.
        ReleaseSigner.Sign(binary, keys[12], 14);

        var result = ReleaseVerification.Check(binary, set, QuorumRules.ReferenceRelease(Slots));

        Assert.False(result.Passed);
        Assert.Equal([14], result.InvalidSlots);
        Assert.Contains("invalid signature from signatory #14", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BinaryChangedAfterSigning_FailsTheDigest()
    {
        using var dir = new TempDirectory();
        var (binary, keys, set) = Release(dir);
        for (var slot = 1; slot <= 10; slot++) ReleaseSigner.Sign(binary, keys[slot - 1], slot);
        File.AppendAllText(binary, "backdoor");

        var result = ReleaseVerification.Check(binary, set, QuorumRules.ReferenceRelease(Slots));

        Assert.False(result.Passed);
        Assert.Contains("does not match the binary's SHA3-256", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_ExistingDigestOfAnotherBinary_IsRefusedAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var (binary, keys, _) = Release(dir);
        ReleaseSigner.Sign(binary, keys[0], 1);
        File.WriteAllText(binary, "a different build");

        var error = Assert.Throws<InvalidDataException>(() => ReleaseSigner.Sign(binary, keys[1], 2));

        Assert.Contains("refusing to sign a different binary", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(ReleaseDigest.SignaturePath(binary, 2)));
    }

    [Fact]
    public void Check_SignatureFileForARetiredSlot_IsInvalid()
    {
        using var dir = new TempDirectory();
        var (binary, keys, _) = Release(dir);
        var publicKeys = keys.Select(k => Ed448Keys.PublicKeyOf(k)).ToArray();
        publicKeys[16] = new byte[Ed448Keys.KeySize];
        for (var slot = 1; slot <= 9; slot++) ReleaseSigner.Sign(binary, keys[slot - 1], slot);
        ReleaseSigner.Sign(binary, keys[16], 17);

        var result = ReleaseVerification.Check(binary, new SignatorySet(publicKeys), 9);

        Assert.Equal([17], result.InvalidSlots);
    }

    [Fact]
    public void QuorumRules_ForSeventeenSlots_AreNineForTheReleaseAndSevenForTheUnlock()
    {
        Assert.Equal(9, QuorumRules.ReferenceRelease(17));
        Assert.Equal(7, QuorumRules.ReferenceUnlock(17));
    }

    private static (string Binary, byte[][] Keys, SignatorySet Set) Release(TempDirectory dir)
    {
        var binary = dir.Write("node-2.0.0-linux-amd64", "release build " + Guid.NewGuid());
        var keys = Enumerable.Range(0, Slots).Select(_ => Ed448Keys.NewPrivateKey()).ToArray();
        return (binary, keys, new SignatorySet(keys.Select(k => Ed448Keys.PublicKeyOf(k))));
    }
}

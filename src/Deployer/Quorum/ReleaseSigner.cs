using Rollout.Deployer.Storage;

namespace Rollout.Deployer.Quorum;

/// <summary>What one signer writes for a release: the shared <c>.dgst</c> file and their own <c>.dgst.sig.N</c>.</summary>
public static class ReleaseSigner
{
    /// <summary>
    /// Hashes the binary, writes <c>BINARY.dgst</c> (or checks that an existing one says the same), signs it with
    /// the slot's key and writes <c>BINARY.dgst.sig.N</c> (never over an existing one), each file whole or not at all.
    /// </summary>
    public static string Sign(string binaryPath, ReadOnlySpan<byte> privateKey, int slot)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slot, 1);
        if (!File.Exists(binaryPath)) throw new InvalidDataException($"{binaryPath}: the release binary does not exist");
        var digest = ReleaseDigest.Compute(binaryPath);
        var digestPath = ReleaseDigest.DigestPath(binaryPath);
        if (File.Exists(digestPath))
        {
            var existing = File.ReadAllText(digestPath);
            if (existing != digest)
            {
                throw new InvalidDataException($"{digestPath}: holds '{existing.TrimEnd()}' but the binary hashes to '{digest.TrimEnd()}'; refusing to sign a different binary");
            }
        }
        // A wrong slot must not replace another signatory's signature: a signature file is never overwritten.
        var signaturePath = ReleaseDigest.SignaturePath(binaryPath, slot);
        if (File.Exists(signaturePath))
        {
            throw new InvalidDataException($"{signaturePath}: already exists; a signature file is never overwritten (is {slot} your slot in the signatory list?)");
        }
        var signature = Ed448Keys.Sign(privateKey, ReleaseDigest.SignedBytes(digest));
        if (!File.Exists(digestPath)) AtomicFile.WriteAllText(digestPath, digest);
        AtomicFile.WriteNewBytes(signaturePath, signature);
        return signaturePath;
    }
}

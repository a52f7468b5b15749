namespace Rollout.Deployer.Quorum;

/// <summary>Why the collector refused an unlock signature.</summary>
public enum UnlockRejection
{
    /// <summary>The signature does not verify for the claimed key over this seed.</summary>
    Forged,

    /// <summary>The key is no signatory's (or belongs to a retired slot).</summary>
    UnknownSigner,

    /// <summary>This signatory's signature was already accepted.</summary>
    Duplicate,

    /// <summary>The signature is for a seed of an earlier unlock attempt.</summary>
    Replayed,

    /// <summary>The signature is for a seed whose blockstamp existed before the release was signed.</summary>
    PreDated,

    /// <summary>The signature is for some other seed.</summary>
    WrongSeed,
}

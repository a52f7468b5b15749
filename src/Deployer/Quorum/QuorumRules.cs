namespace Rollout.Deployer.Quorum;

/// <summary>How many valid signatures the release and the unlock need, out of <c>n</c> signatory slots (retired slots count).</summary>
public static class QuorumRules
{
    /// <summary>The release rule of the reference node: ceil(n/2), 9 of 17.</summary>
    public static int Release(int signatorySlots) => (signatorySlots + 1) / 2;

    /// <summary>The unlock rule of the reference node: ((n−4)/2)+((n−4)%2), 7 of 17.</summary>
    public static int Unlock(int signatorySlots) => ((signatorySlots - 4) / 2) + ((signatorySlots - 4) % 2);
}

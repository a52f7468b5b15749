namespace Rollout.Deployer.Plans;

/// <summary>How many valid Ed448 signatures the release and the genesis unlock need.</summary>
/// <param name="Release">Signatures needed on the release digest.</param>
/// <param name="Unlock">Signatures needed on the genesis unlock.</param>
/// <param name="Overridden">True when the plan set either number instead of the reference rule.</param>
public sealed record QuorumRules(int Release, int Unlock, bool Overridden)
{
    /// <summary>The reference release quorum, ceil(n/2) (ceremonyclient <c>node/main.go</c>): 9 of 17.</summary>
    public static int ReferenceRelease(int signatories) => (signatories + 1) / 2;

    /// <summary>The reference unlock quorum, ((n−4)/2)+((n−4)%2): 7 of 17.</summary>
    public static int ReferenceUnlock(int signatories) => ((signatories - 4) / 2) + ((signatories - 4) % 2);
}

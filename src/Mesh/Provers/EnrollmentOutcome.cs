namespace Rollout.Mesh.Provers;

/// <summary>What became of one enrollment.</summary>
public enum EnrollmentOutcome
{
    /// <summary>Enrolled in the shard it targeted.</summary>
    Accepted,

    /// <summary>
    /// Enrolled in a subshard of the shard it targeted: that shard filled up earlier in the same frame,
    /// through more senior joins the prover could not have seen.
    /// </summary>
    Redirected,

    /// <summary>
    /// It targeted a shard that was already full before the frame: the prover missed a slot update and still believes
    /// it should enroll higher up, not in a subshard. The rollout raises an alert (war room).
    /// </summary>
    MissedSlotUpdate,

    /// <summary>It targeted a subshard of a shard that is not full yet (or another branch): not a placement any honest view gives.</summary>
    WrongShard,

    /// <summary>The prover is already enrolled.</summary>
    Duplicate,

    /// <summary>The signature is not the prover's.</summary>
    BadSignature,
}

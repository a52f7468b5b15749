using Rollout.Mesh.Identity;
using Rollout.Mesh.Pubsub;

namespace Rollout.Mesh.Provers;

/// <summary>
/// Enrollment over pubsub: a prover announces its join on the enrollment topic, targeting the shard
/// its own registry gives; every node collects the joins of a frame and applies them at the frame's
/// end, most senior first. Joins that reveal a missed slot update are kept in <see cref="MissedUpdates"/>
/// for the rollout's alert. Not thread-safe: the host owns it with the router.
/// </summary>
public sealed class ProverEnrollment
{
    private readonly GossipSubRouter _router;
    private readonly List<ProverJoin> _pending = [];
    private readonly List<EnrollmentResult> _missed = [];

    /// <summary>Joins the enrollment topic on <paramref name="router"/> and starts collecting joins.</summary>
    public ProverEnrollment(GossipSubRouter router, ProverRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(registry);
        _router = router;
        Registry = registry;
        var previous = router.Delivered;
        router.Delivered = message =>
        {
            previous?.Invoke(message);
            if (message.Topic == registry.Options.Topic) Receive(message);
        };
        router.Join(registry.Options.Topic);
    }

    /// <summary>This node's view of the slots.</summary>
    public ProverRegistry Registry { get; }

    /// <summary>Joins received for the current frame.</summary>
    public int Pending => _pending.Count;

    /// <summary>Announcements that could not be decoded, with the reason.</summary>
    public List<string> Rejected { get; } = [];

    /// <summary>Enrollments so far that targeted a full shard.</summary>
    public IReadOnlyList<EnrollmentResult> MissedUpdates => _missed;

    /// <summary>Announces this node's own join for <paramref name="frame"/>, targeting the shard its registry gives.</summary>
    public ProverJoin Announce(Ed25519KeyPair key, ulong seniority, ulong frame)
    {
        ArgumentNullException.ThrowIfNull(key);
        var join = ProverJoin.Create(key, seniority, frame, Registry.PlacementFor(key.PeerId));
        // Publishing delivers our own message to us as well, so it joins the pending frame like everyone else's.
        _router.Publish(Registry.Options.Topic, join.Encoded.ToArray());
        return join;
    }

    /// <summary>Ends a frame: applies its joins in seniority order and returns the results.</summary>
    public IReadOnlyList<EnrollmentResult> CloseFrame()
    {
        var results = Registry.ApplyFrame(_pending);
        _pending.Clear();
        _missed.AddRange(results.Where(r => r.Outcome == EnrollmentOutcome.MissedSlotUpdate));
        return results;
    }

    private void Receive(PubsubMessage message)
    {
        try
        {
            _pending.Add(ProverJoin.Decode(message.Data.Span, $"enrollment {message.Id}"));
        }
        catch (InvalidDataException error)
        {
            Rejected.Add(error.Message);
        }
    }
}

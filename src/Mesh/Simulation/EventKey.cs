namespace Rollout.Mesh.Simulation;

/// <summary>
/// What events are ordered by: the virtual time, then the sequence (the scheduling lane and that
/// lane's count, unique per event, see <see cref="SimulationEngine"/>), plus the index of the slot
/// that holds the event's body.
/// </summary>
internal readonly record struct EventKey(long Time, long Sequence, int Slot) : IComparable<EventKey>
{
    public bool Precedes(in EventKey other) =>
        Time < other.Time || (Time == other.Time && Sequence < other.Sequence);

    /// <summary>The same order as <see cref="Precedes"/>, for sorting a bucket's keys in place.</summary>
    public int CompareTo(EventKey other) => Time != other.Time ? Time.CompareTo(other.Time) : Sequence.CompareTo(other.Sequence);
}

namespace Rollout.Mesh.Simulation;

/// <summary>
/// The 16 bytes by which events are ordered: the virtual time, and the insertion sequence packed
/// above the index of the slot that holds the event's body. Sequence numbers are unique and sit in
/// the high bits, so comparing the packed word orders events by sequence.
/// </summary>
internal readonly record struct EventKey(long Time, ulong SequenceSlot)
{
    public const int SlotBits = 28;
    public const ulong SlotMask = (1UL << SlotBits) - 1;
    public const long MaxSequence = (1L << (64 - SlotBits)) - 1;

    public long Sequence => (long)(SequenceSlot >> SlotBits);

    public int Slot => (int)(SequenceSlot & SlotMask);

    public bool Precedes(in EventKey other) =>
        Time < other.Time || (Time == other.Time && SequenceSlot < other.SequenceSlot);
}

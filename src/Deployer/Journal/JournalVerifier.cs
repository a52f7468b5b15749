namespace Rollout.Deployer.Journal;

/// <summary>Checks a journal's hash chain and its head; every refusal names the event.</summary>
internal static class JournalVerifier
{
    public static void Verify(string path, IReadOnlyList<JournalEvent> events, (long Seq, string Hash)? head, bool strictEnd = true)
    {
        var name = Path.GetFileName(path);
        var previous = EventHasher.Genesis;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Seq != i + 1)
            {
                throw new InvalidDataException($"{name}: event #{i + 1} is missing (the events jump from #{i} to #{e.Seq}); the journal was altered");
            }
            if (e.PreviousHash != previous)
            {
                throw new InvalidDataException($"{name}: event #{e.Seq} ({e.Kind}) does not follow event #{e.Seq - 1}: its predecessor hash differs; the journal was altered");
            }
            if (EventHasher.Hash(previous, e.Seq, e.Kind, e.At, e.Payload) != e.Hash)
            {
                throw new InvalidDataException($"{name}: event #{e.Seq} ({e.Kind}, {e.At}) does not match its hash; it was altered after it was written");
            }
            previous = e.Hash;
        }
        var last = events.Count == 0 ? 0 : events[^1].Seq;
        if (head is null)
        {
            if (last > 0) throw new InvalidDataException($"{name}: {DeploymentJournal.HeadFileName} is missing, so the journal's end (event #{last}) cannot be verified");
            return;
        }
        var (headSeq, headHash) = head.Value;
        if (headSeq > last)
        {
            throw new InvalidDataException($"{name}: truncated: {DeploymentJournal.HeadFileName} records event #{headSeq} but the journal ends at event #{last}");
        }
        if (headSeq > 0 && events[(int)headSeq - 1].Hash != headHash)
        {
            throw new InvalidDataException($"{name}: event #{headSeq} differs from the one {DeploymentJournal.HeadFileName} recorded; the journal was rewritten");
        }
        // One event past the head is a process killed between its commit and the head's rename; more was written outside rollout.
        // A reader racing a live writer may see several newer events; only the writer (holding the lock) judges them.
        if (strictEnd && last > headSeq + 1)
        {
            throw new InvalidDataException($"{name}: events #{headSeq + 2}..#{last} were appended outside rollout (the head is at #{headSeq})");
        }
    }
}

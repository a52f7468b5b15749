using FsCheck;
using FsCheck.Fluent;
using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class EventQueueTests
{
    private sealed class NoOp : ISimulationEventHandler
    {
        public void Handle(in SimulationEvent simulationEvent)
        {
        }
    }

    [Fact]
    public void InterleavedEnqueuesAndDequeues_ComeOutInTimeThenSequenceOrder_WithTheirArgumentsIntact()
    {
        var handler = new NoOp();
        // Each step: a delay after the last event run (null means "run one"), at scales that land in
        // the near heap, in the calendar's buckets and beyond its horizon in the far heap.
        var delay = Gen.OneOf(
            Gen.Choose(0, 20).Select(t => (long?)t),
            Gen.Choose(0, 5_000).Select(ms => (long?)(ms * TimeSpan.TicksPerMillisecond / 7)),
            Gen.Choose(0, 600).Select(s => (long?)(s * TimeSpan.TicksPerSecond)),
            Gen.Constant((long?)null));
        Prop.ForAll(Arb.From(Gen.ListOf(delay)), (List<long?> steps) =>
        {
            var queue = new EventQueue(initialCapacity: 4);
            var reference = new SortedSet<(long Time, long Sequence)>();
            long sequence = 0;
            long now = 0;
            foreach (var step in steps.Concat(Enumerable.Repeat((long?)null, steps.Count)))
            {
                if (step is { } after)
                {
                    var time = now + after;
                    queue.Enqueue(time, sequence, 0, handler, $"p{sequence}", (int)sequence, (int)(time % 1000), -(int)sequence, 7);
                    reference.Add((time, sequence++));
                }
                else if (reference.Count > 0)
                {
                    var expected = reference.Min;
                    reference.Remove(expected);
                    if (queue.PeekTime() != expected.Time)
                        return false;
                    var actual = queue.Dequeue();
                    now = actual.Time;
                    if (actual.Time != expected.Time || actual.Sequence != expected.Sequence
                        || (string?)actual.Payload != $"p{expected.Sequence}" || actual.A != (int)expected.Sequence
                        || actual.B != expected.Time % 1000 || actual.C != -(int)expected.Sequence || actual.D != 7
                        || !ReferenceEquals(actual.Handler, handler))
                        return false;
                }
                if (queue.Count != reference.Count)
                    return false;
            }
            return queue.Count == 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AHundredThousandEventsAcrossHoursOfVirtualTime_ComeOutSorted()
    {
        var handler = new NoOp();
        var random = new Xoshiro256StarStar(11);
        var queue = new EventQueue();
        var times = new long[100_000];
        for (var i = 0; i < times.Length; i++)
        {
            // Mostly network delays, some heartbeats, a few long timers.
            times[i] = (i % 10) switch
            {
                < 8 => (long)random.NextBelow(700_000),
                8 => (long)random.NextBelow(50_000_000),
                _ => (long)random.NextBelow(36_000_000_000),
            };
            queue.Enqueue(times[i], i, 0, handler, null, i, 0, 0, 0);
        }
        var expected = times.Select((t, i) => (t, i)).OrderBy(e => e.t).ThenBy(e => e.i).Select(e => e.i).ToArray();

        var order = new int[times.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = queue.Dequeue().A;

        Assert.Equal(expected, order);
    }

    [Fact]
    public void TakingAWindow_MovesExactlyTheEventsBeforeItsEnd_AndLeavesTheRestInOrder()
    {
        var handler = new NoOp();
        // Windows ending within, on and between buckets, with events at the end's tick on both sides of its sequence.
        var steps = Gen.ListOf(Gen.Choose(0, 30_000).SelectMany(t => Gen.Choose(0, 1).Select(late => ((long)t, late == 1))));
        Prop.ForAll(Arb.From(steps), Arb.From(Gen.Choose(1, 40_000)), (List<(long Time, bool Late)> events, int windowEnd) =>
        {
            var queue = new EventQueue(initialCapacity: 4);
            var end = new EventKey(windowEnd, 5, 0);
            var sequence = 0L;
            // Events far in the future too, so the far heap takes part.
            foreach (var (time, late) in events)
            {
                var at = late ? time * 10_000 : time;
                queue.Enqueue(at, sequence, 0, handler, null, (int)sequence, 0, 0, 0);
                sequence++;
            }
            var all = events.Select((e, i) => (Time: e.Late ? e.Time * 10_000 : e.Time, Sequence: (long)i)).ToList();
            var taken = new SimulationEvent[2];
            var count = 0;
            queue.TakeBefore(end, ref taken, ref count);
            var expectedTaken = all.Where(e => new EventKey(e.Time, e.Sequence, 0).Precedes(end)).Select(e => e.Sequence).Order();
            var actualTaken = taken.Take(count).Select(e => e.Sequence).Order();
            var rest = new List<long>();
            while (queue.Count > 0)
                rest.Add(queue.Dequeue().Sequence);
            var expectedRest = all.Where(e => !new EventKey(e.Time, e.Sequence, 0).Precedes(end)).OrderBy(e => e.Time).ThenBy(e => e.Sequence).Select(e => e.Sequence);
            return expectedTaken.SequenceEqual(actualTaken) && expectedRest.SequenceEqual(rest)
                && taken.Take(count).All(e => e.A == e.Sequence && ReferenceEquals(e.Handler, handler));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AnEmptyQueue_RefusesToDequeue() =>
        Assert.Throws<InvalidOperationException>(() => new EventQueue().Dequeue());
}

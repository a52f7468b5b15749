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
    public void AnEmptyQueue_RefusesToDequeue() =>
        Assert.Throws<InvalidOperationException>(() => new EventQueue().Dequeue());
}

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
        // Each step: a time to enqueue at, or a negative number meaning "dequeue one".
        Prop.ForAll(Arb.From(Gen.ListOf(Gen.Choose(-3, 20))), (List<int> steps) =>
        {
            var queue = new EventQueue(initialCapacity: 4);
            var reference = new SortedSet<(long Time, long Sequence)>();
            long sequence = 0;
            foreach (var step in steps.Concat(Enumerable.Repeat(-1, steps.Count)))
            {
                if (step >= 0)
                {
                    var payload = $"p{sequence}";
                    queue.Enqueue(step, sequence, handler, payload, (int)sequence, step, -(int)sequence, 7);
                    reference.Add((step, sequence++));
                }
                else if (reference.Count > 0)
                {
                    var expected = reference.Min;
                    reference.Remove(expected);
                    var actual = queue.Dequeue();
                    if (actual.Time != expected.Time || actual.Sequence != expected.Sequence
                        || (string?)actual.Payload != $"p{expected.Sequence}" || actual.A != (int)expected.Sequence
                        || actual.B != expected.Time || actual.C != -(int)expected.Sequence || actual.D != 7
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
    public void AnEmptyQueue_RefusesToDequeue() =>
        Assert.Throws<InvalidOperationException>(() => new EventQueue().Dequeue());
}

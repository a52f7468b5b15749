namespace Rollout.Mesh.Simulation;

/// <summary>
/// One instance of some state per engine partition (counters, probes), so node events running on
/// different threads never write the same object. Read <see cref="Current"/> from events; read
/// <see cref="All"/> between runs to add the instances up. Instances are only ever added: lowering
/// the parallelism keeps what the dropped partitions counted.
/// </summary>
/// <typeparam name="T">The state type.</typeparam>
public sealed class PartitionLocal<T> : IPartitionLocal
    where T : class
{
    private readonly SimulationEngine _engine;
    private readonly Func<T> _create;
    private T[] _items = [];

    internal PartitionLocal(SimulationEngine engine, Func<T> create)
    {
        _engine = engine;
        _create = create;
        Resize(engine.Parallelism);
    }

    /// <summary>The instance of the partition running on this thread (the first outside a window).</summary>
    public T Current => _items[_engine.CurrentPartition];

    /// <summary>Every instance.</summary>
    public IReadOnlyList<T> All => _items;

    /// <inheritdoc/>
    public void Resize(int partitions)
    {
        if (partitions <= _items.Length)
            return;
        var items = new T[partitions];
        Array.Copy(_items, items, _items.Length);
        for (var i = _items.Length; i < partitions; i++)
            items[i] = _create();
        _items = items;
    }
}

/// <summary>What the engine needs of a <see cref="PartitionLocal{T}"/> when its parallelism changes.</summary>
public interface IPartitionLocal
{
    /// <summary>Makes sure there is an instance for each of <paramref name="partitions"/>.</summary>
    void Resize(int partitions);
}

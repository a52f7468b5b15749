namespace Rollout.Mesh.Simulation;

/// <summary>A run of consecutive node ids, as <see cref="SimulatedNetwork{TMessage}.AddNodes"/> returns.</summary>
/// <param name="First">The first id.</param>
/// <param name="Count">How many ids.</param>
public readonly record struct NodeRange(int First, int Count)
{
    /// <summary>One past the last id.</summary>
    public int End => First + Count;

    /// <summary>True when <paramref name="node"/> lies in the range.</summary>
    public bool Contains(int node) => node >= First && node < End;
}

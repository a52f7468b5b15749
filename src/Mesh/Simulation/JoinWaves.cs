namespace Rollout.Mesh.Simulation;

/// <summary>
/// Peers join in waves: <see cref="WaveSize"/> at a time, one wave every <see cref="Interval"/>, each
/// peer of a wave at a random offset in [0, <see cref="Spread"/>) so a wave is not one instant.
/// </summary>
/// <param name="WaveSize">Peers per wave.</param>
/// <param name="Interval">Time between the starts of two waves.</param>
/// <param name="Spread">Width of the window a wave's peers join within.</param>
public sealed record JoinWaves(int WaveSize, TimeSpan Interval, TimeSpan Spread)
{
    /// <summary>Throws when a parameter is out of range, naming it.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(WaveSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(Interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(Spread, TimeSpan.Zero);
    }
}

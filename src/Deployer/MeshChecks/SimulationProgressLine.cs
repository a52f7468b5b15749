using System.Globalization;
using Rollout.Mesh.Simulation;

namespace Rollout.Deployer.MeshChecks;

/// <summary>
/// Progress of a long simulated check, as one line on the operator's error stream at most every
/// <see cref="Every"/> (stdout stays the runner's results). Also where a cancelled run stops: the scenario
/// has no token, so the progress callback throws when the check's token is cancelled.
/// </summary>
public sealed class SimulationProgressLine
{
    /// <summary>The least time between two lines.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private readonly TextWriter? _writer;
    private readonly string _label;
    private readonly TimeProvider _time;
    private readonly CancellationToken _cancellationToken;
    private long _last;

    /// <summary>Creates the reporter for <paramref name="label"/>; a null <paramref name="writer"/> prints nothing.</summary>
    public SimulationProgressLine(TextWriter? writer, string label, TimeProvider time, CancellationToken cancellationToken)
    {
        _writer = writer;
        _label = label;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _cancellationToken = cancellationToken;
        _last = time.GetTimestamp();
    }

    /// <summary>Writes <paramref name="text"/> at once (the run's first line).</summary>
    public void Say(string text) => _writer?.WriteLine($"{_label}: {text}");

    /// <summary>The scenario's progress callback.</summary>
    public void Report(SimulationProgress progress)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (_writer is null || _time.GetElapsedTime(_last) < Every) return;
        _last = _time.GetTimestamp();
        Say(string.Create(CultureInfo.InvariantCulture,
            $"virtual {progress.VirtualTime.TotalSeconds:F1} s, {progress.PeersOnline:N0} online, {progress.EventsProcessed:N0} events, queue {progress.QueueLength:N0}"));
    }
}

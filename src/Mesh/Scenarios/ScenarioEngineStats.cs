namespace Rollout.Mesh.Scenarios;

/// <summary>The simulation's own figures: events run, virtual time reached, and the trace hash (equal for equal seeds).</summary>
public sealed record ScenarioEngineStats(long Events, double VirtualSeconds, string TraceHash);

namespace Rollout.Mesh.Scenarios;

/// <summary>Who took part in a run.</summary>
public sealed record ScenarioPopulation(int Peers, int Relays, int Bootstraps, ulong Seed);

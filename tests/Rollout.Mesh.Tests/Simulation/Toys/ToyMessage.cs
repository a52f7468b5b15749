namespace Rollout.Mesh.Tests.Simulation.Toys;

/// <summary>The one message type of the toy nodes: a kind, an id and the virtual time it was first sent.</summary>
public sealed record ToyMessage(string Kind, int Id, TimeSpan SentAt);

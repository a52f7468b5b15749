namespace Rollout.Deployer.Rehearsal;

/// <summary>The rehearsal cannot go on by itself: a verb it runs for a participant failed, or a hold it answered did not move.</summary>
public sealed class RehearsalStoppedException(string message) : Exception(message);

namespace Rollout.Mesh.Pubsub;

/// <summary>A peer announcing that it joined (<paramref name="Subscribe"/> true) or left a topic.</summary>
public readonly record struct SubscriptionChange(string Topic, bool Subscribe);

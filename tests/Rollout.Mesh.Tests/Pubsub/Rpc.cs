using Rollout.Mesh.Pubsub;

namespace Rollout.Mesh.Tests.Pubsub;

/// <summary>Shorthands for hand-written RPCs.</summary>
internal static class Rpc
{
    public static PubsubRpc Subscribe(string topic) => PubsubRpc.Empty with { Subscriptions = [new SubscriptionChange(topic, true)] };

    public static PubsubRpc Graft(string topic) => PubsubRpc.Empty with { Graft = [topic] };

    public static PubsubRpc Prune(string topic, TimeSpan backoff) => PubsubRpc.Empty with { Prune = [new ControlPrune(topic, [], backoff)] };

    public static PubsubRpc Message(PubsubMessage message) => PubsubRpc.Empty with { Messages = [message] };

    public static PubsubRpc IHave(string topic, params MessageId[] ids) => PubsubRpc.Empty with { IHave = [new ControlIHave(topic, ids)] };
}

namespace Rollout.Bridge.Ethereum.TypedData;

/// <summary>One member of an EIP-712 struct type, e.g. <c>("to", "address")</c>.</summary>
/// <param name="Name">The member name.</param>
/// <param name="Type">An ABI type name, a struct type name, or an array of either.</param>
public sealed record TypedDataField(string Name, string Type);

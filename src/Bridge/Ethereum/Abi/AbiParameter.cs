namespace Rollout.Bridge.Ethereum.Abi;

/// <summary>A named parameter of a function, event or error; <paramref name="Indexed"/> only matters for events.</summary>
/// <param name="Name">The parameter's name, possibly empty.</param>
/// <param name="Type">Its ABI type.</param>
/// <param name="Indexed">Whether an event stores it in a topic.</param>
public sealed record AbiParameter(string Name, AbiType Type, bool Indexed = false);

using System.Text.Json.Serialization;

namespace Rollout.Deployer.Cli.Token;

/// <summary>What <c>rollout token prove</c> prints: the leaf's two values, the sibling hashes, and the root they lead to.</summary>
internal sealed record ProofAnswer(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("amount")] string Amount,
    [property: JsonPropertyName("proof")] IReadOnlyList<string> Proof,
    [property: JsonPropertyName("root")] string Root);

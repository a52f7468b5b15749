using System.Text.Json.Serialization;

namespace Rollout.Deployer.Cli.Token;

/// <summary>Source-generated JSON for the token verbs' output.</summary>
[JsonSerializable(typeof(ProofAnswer))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class TokenJsonContext : JsonSerializerContext;

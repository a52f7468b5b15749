using System.Text.Json;
using Rollout.TestSupport;

namespace Rollout.Bridge.Tests.Ethereum.Abi;

/// <summary>Calls eth-abi.mjs with one batch.</summary>
internal static class AbiOracle
{
    public static JsonElement Run(object request) =>
        JsonDocument.Parse(NodeOracle.Run("eth-abi.mjs", JsonSerializer.Serialize(request))).RootElement;
}

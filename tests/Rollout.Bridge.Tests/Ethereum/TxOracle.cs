using System.Text.Json;
using Rollout.TestSupport;

namespace Rollout.Bridge.Tests.Ethereum;

/// <summary>Calls eth-tx.mjs with one batch.</summary>
internal static class TxOracle
{
    public static JsonElement Run(object request) =>
        JsonDocument.Parse(NodeOracle.Run("eth-tx.mjs", JsonSerializer.Serialize(request))).RootElement;
}

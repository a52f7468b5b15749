using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;
using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Deployer.Ethereum;

/// <summary>The read-only calls the deployment's verification makes on a WrappedQuil contract.</summary>
internal static class WrappedQuilRoles
{
    private static readonly AbiFunction Paused = AbiFunction.Parse("paused() returns (bool)");
    private static readonly AbiFunction HasRole = AbiFunction.Parse("hasRole(bytes32 role, address account) returns (bool)");
    private static readonly AbiFunction RoleId = AbiFunction.Parse("DEFAULT_ADMIN_ROLE() returns (bytes32)");

    public static async Task<bool> IsPausedAsync(EthClient client, Address token, CancellationToken cancellationToken) =>
        (bool)Paused.DecodeOutput(await client.CallAsync(new CallRequest(token, Paused.EncodeCall()), BlockTag.Latest, cancellationToken))[0]!;

    /// <summary>The role's id as the contract reports it (<c>DEFAULT_ADMIN_ROLE()</c>, <c>PAUSER_ROLE()</c>, <c>MINTER_ROLE()</c>).</summary>
    public static async Task<byte[]> RoleAsync(EthClient client, Address token, string getter, CancellationToken cancellationToken)
    {
        var function = getter == "DEFAULT_ADMIN_ROLE" ? RoleId : AbiFunction.Parse($"{getter}() returns (bytes32)");
        return (byte[])function.DecodeOutput(await client.CallAsync(new CallRequest(token, function.EncodeCall()), BlockTag.Latest, cancellationToken))[0]!;
    }

    public static async Task<bool> HasRoleAsync(EthClient client, Address token, byte[] role, Address account, CancellationToken cancellationToken) =>
        (bool)HasRole.DecodeOutput(await client.CallAsync(new CallRequest(token, HasRole.EncodeCall(role, account)), BlockTag.Latest, cancellationToken))[0]!;
}

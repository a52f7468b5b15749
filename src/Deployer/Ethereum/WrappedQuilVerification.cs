using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Deployer.Ethereum;

/// <summary>
/// Checks a deployed WrappedQuil the way the Nomad post-mortem asks (DOMAIN.md): never trust the deployment
/// transaction, read the contract back. Code at the address; <c>paused()</c>; the admin role held by the Safe;
/// the pauser and minter roles held by the plan's accounts; the deployer holding no role at all.
/// </summary>
internal static class WrappedQuilVerification
{
    private static readonly string[] RoleGetters = ["DEFAULT_ADMIN_ROLE", "PAUSER_ROLE", "MINTER_ROLE"];

    /// <summary>Every violation found (empty: verified), and what was read.</summary>
    public static async Task<(IReadOnlyList<string> Problems, string Observed)> VerifyAsync(
        EthClient client, Address token, Address safe, Address pauser, Address minter, Address deployer, CancellationToken cancellationToken)
    {
        var code = await client.GetCodeAsync(token, BlockTag.Latest, cancellationToken);
        if (code.Length == 0) return ([$"no code at {token}"], "no code");
        var problems = new List<string>();
        var paused = await WrappedQuilRoles.IsPausedAsync(client, token, cancellationToken);
        if (!paused) problems.Add("paused() is false: the token is live before the rollout unpauses it");
        var roles = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var getter in RoleGetters) roles[getter] = await WrappedQuilRoles.RoleAsync(client, token, getter, cancellationToken);
        await Require("DEFAULT_ADMIN_ROLE", safe, "the Safe");
        await Require("PAUSER_ROLE", pauser, "ethereum.pauser");
        await Require("MINTER_ROLE", minter, "ethereum.minter");
        foreach (var getter in RoleGetters)
        {
            if (await WrappedQuilRoles.HasRoleAsync(client, token, roles[getter], deployer, cancellationToken))
            {
                problems.Add($"the deployer {deployer} holds {getter}");
            }
        }
        return (problems, $"{code.Length} bytes of code, paused() = {paused.ToString().ToLowerInvariant()}, admin {safe}, pauser {pauser}, minter {minter}, deployer {deployer} holds no role");

        async Task Require(string getter, Address account, string who)
        {
            if (!await WrappedQuilRoles.HasRoleAsync(client, token, roles[getter], account, cancellationToken))
            {
                problems.Add($"{getter} is not held by {who} {account}");
            }
        }
    }
}

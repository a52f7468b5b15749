using System.Text.Json;
using Rollout.Bridge.Contracts;

namespace Rollout.Bridge.Tests.Contracts;

public sealed class ContractCatalogTests
{
    [Fact]
    public void Catalog_HoldsWrappedQuilAndTheSafeContractsTheRolloutDeploys()
    {
        string[] expected =
        [
            ContractCatalog.CompatibilityFallbackHandler, ContractCatalog.MultiSend, ContractCatalog.MultiSendCallOnly,
            ContractCatalog.Safe, ContractCatalog.SafeL2, ContractCatalog.SafeProxy, ContractCatalog.SafeProxyFactory,
            ContractCatalog.WrappedQuil,
        ];
        Assert.Equal(expected, ContractCatalog.Names);
        foreach (var name in expected)
        {
            var artifact = ContractCatalog.Load(name);
            Assert.Equal(name, artifact.ContractName);
            Assert.NotEmpty(artifact.Bytecode.ToArray());
            Assert.NotEmpty(artifact.DeployedBytecode.ToArray());
        }
    }

    [Fact]
    public void WrappedQuil_ExposesTheBridgeInterfaceTheRelayerAndTheSafeCall()
    {
        var artifact = ContractCatalog.Load(ContractCatalog.WrappedQuil);
        using var abi = JsonDocument.Parse(artifact.AbiJson);
        var signatures = abi.RootElement.EnumerateArray()
            .Where(e => e.TryGetProperty("name", out _))
            .Select(e => $"{e.GetProperty("type").GetString()} {e.GetProperty("name").GetString()}({string.Join(',', e.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("type").GetString()))})")
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("function bridgeMint(address,uint256,bytes32)", signatures);
        Assert.Contains("function bridgeOut(bytes32,uint256)", signatures);
        Assert.Contains("function isProcessed(bytes32)", signatures);
        Assert.Contains("function pause()", signatures);
        Assert.Contains("function unpause()", signatures);
        Assert.Contains("function decimals()", signatures);
        Assert.Contains("event BridgedIn(bytes32,address,uint256)", signatures);
        Assert.Contains("event BridgedOut(address,bytes32,uint256)", signatures);
        Assert.Contains("error TransferAlreadyProcessed(bytes32)", signatures);
        Assert.Contains("error EnforcedPause()", signatures);

        var bridgedOut = abi.RootElement.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "event" && e.GetProperty("name").GetString() == "BridgedOut");
        Assert.Equal([true, true, false], bridgedOut.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("indexed").GetBoolean()));

        var constructor = abi.RootElement.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "constructor");
        Assert.Equal(["admin", "pauser", "minter"], constructor.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
    }

    [Fact]
    public void WrappedQuil_WasCompiledWithThePinnedCompilerForTheDevchainsHardfork()
    {
        var artifact = ContractCatalog.Load(ContractCatalog.WrappedQuil);
        Assert.StartsWith("0.8.28+", artifact.CompilerVersion, StringComparison.Ordinal);
        using var settings = JsonDocument.Parse(artifact.CompilerSettingsJson);
        Assert.Equal("cancun", settings.RootElement.GetProperty("evmVersion").GetString());
        Assert.True(settings.RootElement.GetProperty("optimizer").GetProperty("enabled").GetBoolean());
        // Solidity appends its CBOR metadata; a runtime code that ends in it was not truncated or linked wrongly.
        var code = artifact.DeployedBytecode.Span;
        var metadataLength = (code[^2] << 8) | code[^1];
        Assert.Equal(0xa2, code[code.Length - 2 - metadataLength]);
    }

    [Fact]
    public void Load_UnknownName_ListsTheArtifactsThatExist()
    {
        var error = Assert.Throws<ArgumentException>(() => ContractCatalog.Load("WrappedQuilV2"));
        Assert.Contains("WrappedQuilV2", error.Message, StringComparison.Ordinal);
        Assert.Contains(ContractCatalog.WrappedQuil, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "broken.json: not JSON")]
    [InlineData("[]", "broken.json: expected a JSON object")]
    [InlineData("""{"contractName":"X","sourceName":"s","abi":[],"bytecode":"0x60","deployedBytecode":"0x6","compiler":{"version":"v","settings":{}}}""", "broken.json: deployedBytecode:")]
    [InlineData("""{"contractName":"X","sourceName":"s","abi":[],"bytecode":"0x__$ab$__","deployedBytecode":"0x60","compiler":{"version":"v","settings":{}}}""", "broken.json: bytecode:")]
    [InlineData("""{"contractName":"X","sourceName":"s","abi":{},"bytecode":"0x60","deployedBytecode":"0x60","compiler":{"version":"v","settings":{}}}""", "broken.json: abi: missing or not a JSON array")]
    [InlineData("""{"contractName":"X","sourceName":"s","abi":[],"bytecode":"0x60","deployedBytecode":"0x60","compiler":{"settings":{}}}""", "broken.json: compiler.version:")]
    public void Parse_MalformedArtifact_NamesTheFileAndTheField(string json, string expectedStart)
    {
        var error = Assert.Throws<InvalidDataException>(() => ContractArtifact.Parse("broken.json", System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }
}

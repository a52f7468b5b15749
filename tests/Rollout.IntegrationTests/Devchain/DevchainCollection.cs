using Chain = Rollout.TestSupport.Devchain;

namespace Rollout.IntegrationTests.Devchain;

/// <summary>Tests in this collection share one devchain, started once and stopped after the last of them.</summary>
[CollectionDefinition(Name)]
public sealed class DevchainCollection : ICollectionFixture<Chain>
{
    public const string Name = "Devchain";
}

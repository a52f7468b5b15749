namespace Rollout.Bridge.Ethereum.Abi;

/// <summary>The families of Solidity ABI types.</summary>
public enum AbiTypeKind
{
    /// <summary><c>address</c>: 20 bytes.</summary>
    Address,

    /// <summary><c>bool</c>.</summary>
    Bool,

    /// <summary><c>uintN</c>, N a multiple of 8 up to 256.</summary>
    UInt,

    /// <summary><c>intN</c>, N a multiple of 8 up to 256.</summary>
    Int,

    /// <summary><c>bytesN</c>, N from 1 to 32.</summary>
    FixedBytes,

    /// <summary><c>bytes</c>, dynamic.</summary>
    Bytes,

    /// <summary><c>string</c>, dynamic UTF-8.</summary>
    String,

    /// <summary><c>T[]</c> or <c>T[k]</c>.</summary>
    Array,

    /// <summary><c>(T1,T2,…)</c>.</summary>
    Tuple,
}

namespace Rollout.Deployer.Quorum;

/// <summary>
/// The release signatories in slot order (slot <c>n</c> signs <c>.dgst.sig.n</c>, 1-based). A slot whose key is all
/// zeros is retired, as in the reference configuration: it still counts towards <c>n</c> but can never sign.
/// </summary>
public sealed class SignatorySet
{
    private readonly byte[][] _keys;

    /// <summary>Builds the set from 57-byte Ed448 public keys in slot order.</summary>
    public SignatorySet(IEnumerable<byte[]> publicKeys)
    {
        ArgumentNullException.ThrowIfNull(publicKeys);
        _keys = publicKeys.Select((key, i) => key.Length == Ed448Keys.KeySize
            ? (byte[])key.Clone()
            : throw new ArgumentException($"signatory {i + 1}: an Ed448 public key is {Ed448Keys.KeySize} bytes, not {key.Length}", nameof(publicKeys))).ToArray();
        if (_keys.Length == 0) throw new ArgumentException("at least one signatory is needed", nameof(publicKeys));
    }

    /// <summary>The plan's signatories (validated hex, slot order).</summary>
    public static SignatorySet Of(Plans.RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new SignatorySet(plan.Signatories.Select(Convert.FromHexString));
    }

    /// <summary>The number of slots, retired ones included.</summary>
    public int Count => _keys.Length;

    /// <summary>The public key of a 1-based slot.</summary>
    public ReadOnlySpan<byte> KeyOf(int slot) => _keys[slot - 1];

    /// <summary>Whether a 1-based slot is retired (all-zero key).</summary>
    public bool IsRetired(int slot) => !_keys[slot - 1].AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>The 1-based slot holding this public key, or null when it is no signatory's (retired slots never match).</summary>
    public int? SlotOf(ReadOnlySpan<byte> publicKey)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (!IsRetired(i + 1) && _keys[i].AsSpan().SequenceEqual(publicKey)) return i + 1;
        }
        return null;
    }
}

namespace Rollout.Mesh.Provers;

/// <summary>A shard's place in the shard tree: the child index taken at each level below the root.</summary>
public sealed class ShardAddress : IEquatable<ShardAddress>
{
    /// <summary>The deepest tree the enrollment accepts (a path is carried in one length byte).</summary>
    public const int MaxDepth = 32;

    private readonly byte[] _path;

    private ShardAddress(byte[] path) => _path = path;

    /// <summary>The root shard.</summary>
    public static ShardAddress Root { get; } = new([]);

    /// <summary>The child indices from the root down.</summary>
    public ReadOnlySpan<byte> Path => _path;

    /// <summary>Levels below the root.</summary>
    public int Depth => _path.Length;

    /// <summary>The shard with this path; throws when it is deeper than <see cref="MaxDepth"/>.</summary>
    public static ShardAddress FromPath(ReadOnlySpan<byte> path)
    {
        if (path.Length > MaxDepth) throw new ArgumentException($"a shard path has at most {MaxDepth} levels, not {path.Length}", nameof(path));
        return path.Length == 0 ? Root : new ShardAddress(path.ToArray());
    }

    /// <summary>The child at <paramref name="index"/>.</summary>
    public ShardAddress Child(int index) => FromPath([.. _path, checked((byte)index)]);

    /// <summary>True when this shard is <paramref name="other"/> or lies above it.</summary>
    public bool IsAncestorOf(ShardAddress other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other._path.AsSpan().StartsWith(_path);
    }

    /// <inheritdoc/>
    public bool Equals(ShardAddress? other) => other is not null && _path.AsSpan().SequenceEqual(other._path);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ShardAddress);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_path);
        return hash.ToHashCode();
    }

    /// <summary>"root", or "root/3/1" for the second child of the fourth child.</summary>
    public override string ToString() => _path.Length == 0 ? "root" : "root/" + string.Join('/', _path);
}

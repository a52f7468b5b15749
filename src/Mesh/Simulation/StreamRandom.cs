namespace Rollout.Mesh.Simulation;

/// <summary>
/// A <see cref="Random"/> drawing from a <see cref="Xoshiro256StarStar"/> stream, for protocol code
/// written against <see cref="Random"/> (peer selection, shuffles) that the simulator gives one
/// seeded stream per node. Every draw the protocol makes (<c>Next</c>, <c>NextDouble</c>,
/// <c>Shuffle</c>, which calls <c>Next(int, int)</c>) comes from the stream; the base class's own
/// generator, which <see cref="Random"/> still builds for a derived type, is never read.
/// </summary>
public sealed class StreamRandom(Xoshiro256StarStar stream) : Random
{
    private readonly Xoshiro256StarStar _stream = stream ?? throw new ArgumentNullException(nameof(stream));

    /// <inheritdoc/>
    public override int Next() => (int)(_stream.NextUInt64() >> 33);

    /// <inheritdoc/>
    public override int Next(int maxValue) => (int)NextInt64(maxValue);

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue) => (int)NextInt64(minValue, maxValue);

    /// <inheritdoc/>
    public override long NextInt64() => (long)(_stream.NextUInt64() >> 1);

    /// <inheritdoc/>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : (long)_stream.NextBelow((ulong)maxValue);
    }

    /// <inheritdoc/>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        var range = (ulong)(maxValue - minValue);
        return range == 0 ? minValue : minValue + (long)_stream.NextBelow(range);
    }

    /// <inheritdoc/>
    public override double NextDouble() => _stream.NextDouble();

    /// <inheritdoc/>
    public override float NextSingle() => (_stream.NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i += 8)
        {
            var value = _stream.NextUInt64();
            for (var k = 0; k < 8 && i + k < buffer.Length; k++) buffer[i + k] = (byte)(value >> (8 * k));
        }
    }

    /// <inheritdoc/>
    protected override double Sample() => _stream.NextDouble();
}

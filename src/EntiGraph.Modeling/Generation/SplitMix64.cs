namespace EntiGraph.Modeling.Generation;

/// <summary>
/// A tiny seeded generator (SplitMix64) written out here rather than System.Random, whose seeded sequence .NET
/// does not promise to keep across versions: a sample drawn for an experiment must be drawn again identically.
/// </summary>
internal sealed class SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15;
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>An independent stream per (seed, index), so each row of a batch draws on its own.</summary>
    public static SplitMix64 ForStream(ulong seed, long index) => new(Mix(seed) + (ulong)index * Golden);

    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with the 53 bits a double can hold.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}

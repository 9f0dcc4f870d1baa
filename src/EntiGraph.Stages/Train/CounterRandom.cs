namespace EntiGraph.Stages.Train;

/// <summary>
/// Random numbers addressed by (seed, stream, index) rather than drawn in sequence: the draw for sample i
/// is the same whether a run starts at 0 or resumes at i, so resuming needs no generator state.
/// SplitMix64's finaliser mixes the three into 64 well-distributed bits.
/// </summary>
public static class CounterRandom
{
    public static ulong Bits(long seed, ulong stream, ulong index)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ stream * 0xD1B54A32D192ED03UL ^ index * 0xBF58476D1CE4E5B9UL);
        z = Mix(z + 0x9E3779B97F4A7C15UL);
        return Mix(z ^ index);
    }

    /// <summary>A double in [0, 1) from the top 53 bits.</summary>
    public static double Uniform(long seed, ulong stream, ulong index) => (Bits(seed, stream, index) >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [0, count).</summary>
    public static long Below(long seed, ulong stream, ulong index, long count) =>
        (long)(Uniform(seed, stream, index) * count);

    /// <summary>A permutation of 0..count-1 (Fisher-Yates with counter draws).</summary>
    public static int[] Permutation(int count, long seed, ulong stream)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
            order[i] = i;
        for (int i = count - 1; i > 0; i--)
        {
            int j = (int)Below(seed, stream, (ulong)i, i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}

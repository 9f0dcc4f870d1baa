using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EntiGraph.Stages.Curate.Dedup;

/// <summary>
/// A fixed-size Bloom filter over 128-bit hashes. The k probe positions come from double hashing
/// (Kirsch and Mitzenmacher): g_i = h1 + i·h2, with h1 and h2 the two halves of the hash, so one
/// XxHash128 per item serves every probe. Nothing here is random, so a run is reproducible.
/// </summary>
internal sealed class BloomFilter
{
    private readonly ulong[] _words;
    private readonly ulong _bits;

    public BloomFilter(long expectedItems, double falsePositiveRate)
    {
        (var bits, HashCount) = Dimensions(expectedItems, falsePositiveRate);
        var words = bits / 64;
        if (words > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedItems),
                $"a filter for {expectedItems:N0} items at a false-positive rate of {falsePositiveRate} needs {bits / 8:N0} bytes, more than one array can hold; shard the data");
        }

        _words = new ulong[words];
        _bits = (ulong)bits;
    }

    public int HashCount { get; }

    public long BitCount => (long)_bits;

    /// <summary>
    /// The textbook optimum: m = −n·ln p / (ln 2)² bits (rounded up to whole 64-bit words) and
    /// k = (m/n)·ln 2 probes, rounded to the nearest integer.
    /// </summary>
    public static (long Bits, int Hashes) Dimensions(long expectedItems, double falsePositiveRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedItems, 1);
        if (!(falsePositiveRate is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(falsePositiveRate), falsePositiveRate, "must lie strictly between 0 and 1");
        }

        var ideal = -expectedItems * Math.Log(falsePositiveRate) / (Math.Log(2) * Math.Log(2));
        var bits = (long)Math.Ceiling(ideal / 64) * 64;
        var hashes = (int)Math.Max(1, Math.Round((double)bits / expectedItems * Math.Log(2)));
        return (bits, hashes);
    }

    /// <summary>The share of bits set; the false-positive rate now is about this to the power k.</summary>
    public double FillRatio()
    {
        long set = 0;
        foreach (var word in _words)
        {
            set += (long)ulong.PopCount(word);
        }

        return (double)set / _bits;
    }

    // No early exit: the k loads are independent, so the processor can wait for their cache misses
    // together instead of one after another behind a mispredicted branch (about twice as fast here).
    public bool Contains(UInt128 hash)
    {
        ref var words = ref MemoryMarshal.GetArrayDataReference(_words);
        var (h1, h2) = Split(hash);
        var all = 1UL;
        for (var i = 0; i < HashCount; i++)
        {
            var bit = Reduce(h1);
            all &= Unsafe.Add(ref words, (nint)(bit >> 6)) >> (int)(bit & 63);
            h1 += h2;
        }

        return all != 0;
    }

    public void Add(UInt128 hash)
    {
        ref var words = ref MemoryMarshal.GetArrayDataReference(_words);
        var (h1, h2) = Split(hash);
        for (var i = 0; i < HashCount; i++)
        {
            var bit = Reduce(h1);
            Unsafe.Add(ref words, (nint)(bit >> 6)) |= 1UL << (int)(bit & 63);
            h1 += h2;
        }
    }

    // An odd step never cycles back early, whatever the filter size.
    private static (ulong, ulong) Split(UInt128 hash) => ((ulong)hash, (ulong)(hash >> 64) | 1);

    // Lemire's multiply-shift maps a 64-bit value onto [0, bits) without a division.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Reduce(ulong value) => Math.BigMul(value, _bits, out _);
}

namespace EntiGraph.Stages.Curate.Dedup;

/// <summary>
/// A seeded family of universal hash functions on 32-bit keys, h(x) = ((a·x + b) mod 2^64) >> 32
/// with a and b drawn from SplitMix64 (Dietzfelbinger's multiply-shift: pairwise independent).
/// MinHash takes one function per signature row in place of a random permutation.
/// </summary>
internal sealed class HashFunctions
{
    private readonly ulong[] _multipliers;
    private readonly ulong[] _offsets;

    public HashFunctions(int count, int seed)
    {
        _multipliers = new ulong[count];
        _offsets = new ulong[count];
        var state = (ulong)(uint)seed;
        for (var i = 0; i < count; i++)
        {
            _multipliers[i] = SplitMix64(ref state) | 1;
            _offsets[i] = SplitMix64(ref state);
        }
    }

    public int Count => _multipliers.Length;

    /// <summary>signature[i] = the smallest h_i(x) over the keys.</summary>
    public void MinOver(ReadOnlySpan<uint> keys, Span<uint> signature)
    {
        var multipliers = _multipliers.AsSpan();
        var offsets = _offsets.AsSpan(0, multipliers.Length);
        signature = signature[..multipliers.Length];
        for (var i = 0; i < multipliers.Length; i++)
        {
            var a = multipliers[i];
            var b = offsets[i];
            var min = uint.MaxValue;
            foreach (var key in keys)
            {
                min = Math.Min(min, (uint)((a * key + b) >> 32));
            }

            signature[i] = min;
        }
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}

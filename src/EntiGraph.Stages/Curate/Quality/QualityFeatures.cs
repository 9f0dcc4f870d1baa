using System.Buffers;

namespace EntiGraph.Stages.Curate.Quality;

/// <summary>
/// One document as the classifier sees it: the hashed unigram (and bigram) buckets it touches, each
/// once, in ascending bucket order with its count. The vector is scaled to unit Euclidean length
/// (<see cref="Norm"/>), so a long page and a short one take SGD steps of the same size. Ascending
/// order fixes the order of every floating-point sum, which keeps scores bit-for-bit reproducible.
/// </summary>
internal sealed class QualityFeatures : IDisposable
{
    private int[] _buckets = ArrayPool<int>.Shared.Rent(256);
    private int[] _counts = ArrayPool<int>.Shared.Rent(256);

    public int Count { get; private set; }

    /// <summary>The Euclidean length of the count vector; 0 for a document without words.</summary>
    public double Norm { get; private set; }

    public ReadOnlySpan<int> Buckets => _buckets.AsSpan(0, Count);

    public ReadOnlySpan<int> Counts => _counts.AsSpan(0, Count);

    public void Load(ReadOnlySpan<char> text, int buckets, bool bigrams)
    {
        var n = 0;
        ulong previous = 0;
        var first = true;
        foreach (var word in HashedWords.Of(text))
        {
            Append(ref n, (int)(word % (ulong)buckets));
            if (bigrams && !first)
            {
                Append(ref n, (int)(HashedWords.Pair(previous, word) % (ulong)buckets));
            }

            previous = word;
            first = false;
        }

        var ids = _buckets.AsSpan(0, n);
        ids.Sort();
        if (_counts.Length < _buckets.Length)
        {
            ArrayPool<int>.Shared.Return(_counts);
            _counts = ArrayPool<int>.Shared.Rent(_buckets.Length);
        }

        // Runs of equal ids collapse to (id, count) in place.
        var unique = 0;
        long squares = 0;
        for (var i = 0; i < n;)
        {
            var j = i + 1;
            while (j < n && ids[j] == ids[i])
            {
                j++;
            }

            var count = j - i;
            _buckets[unique] = ids[i];
            _counts[unique] = count;
            squares += (long)count * count;
            unique++;
            i = j;
        }

        Count = unique;
        Norm = Math.Sqrt(squares);
    }

    private void Append(ref int n, int bucket)
    {
        if (n == _buckets.Length)
        {
            var larger = ArrayPool<int>.Shared.Rent(n * 2);
            _buckets.AsSpan(0, n).CopyTo(larger);
            ArrayPool<int>.Shared.Return(_buckets);
            _buckets = larger;
        }

        _buckets[n++] = bucket;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_buckets);
        ArrayPool<int>.Shared.Return(_counts);
        _buckets = [];
        _counts = [];
    }
}

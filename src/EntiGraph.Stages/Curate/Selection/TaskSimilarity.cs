using EntiGraph.Stages.Curate.Quality;

namespace EntiGraph.Stages.Curate.Selection;

/// <summary>
/// ETS-DACP's task similarity with a hashed TF-IDF embedding instead of a neural encoder: each lower-cased
/// word is hashed to one of <c>dimensions</c> coordinates, a coordinate's value is the word count times
/// the IDF ln((1 + N) / (1 + df)), with N and df counted over the pool: a word in every document weighs
/// nothing, a word the pool lacks weighs the most (without the +1 of smoothed IDF, words the whole pool
/// shares, such as the, cannot make two documents look alike). The task centroid is
/// the mean of the task texts' unit-length embeddings, so a long task text weighs no more than a short
/// one. Memory is O(dimensions): no document's embedding is kept.
/// </summary>
internal sealed class TaskSimilarity
{
    private readonly int _dimensions;
    private readonly double[] _idf;
    private readonly double[] _centroid;
    private readonly double _centroidNorm;
    private readonly double[] _counts;
    private readonly List<int> _touched = [];

    private TaskSimilarity(int dimensions, double[] idf, IReadOnlyList<string> taskTexts)
    {
        _dimensions = dimensions;
        _idf = idf;
        _counts = new double[dimensions];
        _centroid = new double[dimensions];
        var embedded = 0;
        foreach (var text in taskTexts)
        {
            var norm = Embed(text);
            if (norm > 0)
            {
                foreach (var d in _touched)
                {
                    _centroid[d] += _counts[d] * _idf[d] / norm;
                }

                embedded++;
            }

            Clear();
        }

        if (embedded == 0)
        {
            throw new ArgumentException("task similarity needs task texts with words in them; give task texts or set similarity_weight to 0");
        }

        var squares = 0.0;
        for (var d = 0; d < dimensions; d++)
        {
            _centroid[d] /= embedded;
            squares += _centroid[d] * _centroid[d];
        }

        _centroidNorm = Math.Sqrt(squares);
    }

    public static TaskSimilarity Build(IReadOnlyList<SelectionCandidate> pool, IReadOnlyList<string> taskTexts, int dimensions)
    {
        // Document frequency per coordinate: a stamp per coordinate counts each document once.
        var frequency = new long[dimensions];
        var stamp = new int[dimensions];
        Array.Fill(stamp, -1);
        for (var i = 0; i < pool.Count; i++)
        {
            foreach (var word in HashedWords.Of(pool[i].Text))
            {
                var d = (int)(word % (ulong)dimensions);
                if (stamp[d] != i)
                {
                    stamp[d] = i;
                    frequency[d]++;
                }
            }
        }

        var idf = new double[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            idf[d] = Math.Log((1.0 + pool.Count) / (1.0 + frequency[d]));
        }

        return new TaskSimilarity(dimensions, idf, taskTexts);
    }

    /// <summary>The cosine between a document's embedding and the task centroid; 0 for a document without words.</summary>
    public double Cosine(string text)
    {
        var norm = Embed(text);
        var dot = 0.0;
        foreach (var d in _touched)
        {
            dot += _counts[d] * _idf[d] * _centroid[d];
        }

        Clear();
        return norm > 0 && _centroidNorm > 0 ? Math.Clamp(dot / (norm * _centroidNorm), 0.0, 1.0) : 0.0;
    }

    /// <summary>Counts the text's words into <see cref="_counts"/> and returns the TF-IDF vector's length.</summary>
    private double Embed(string text)
    {
        foreach (var word in HashedWords.Of(text))
        {
            var d = (int)(word % (ulong)_dimensions);
            if (_counts[d] == 0)
            {
                _touched.Add(d);
            }

            _counts[d]++;
        }

        var squares = 0.0;
        foreach (var d in _touched)
        {
            var value = _counts[d] * _idf[d];
            squares += value * value;
        }

        return Math.Sqrt(squares);
    }

    private void Clear()
    {
        foreach (var d in _touched)
        {
            _counts[d] = 0;
        }

        _touched.Clear();
    }
}

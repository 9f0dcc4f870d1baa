namespace EntiGraph.Stages.Curate.Quality;

/// <summary>
/// DCLM's cut: the classifier threshold recomputed on one's own pool so that its top fraction passes
/// (their 0.018112 was the top-10% cut on their pool, and means nothing on another).
/// </summary>
public static class QualityThreshold
{
    /// <summary>
    /// The score a document needs (score &gt;= threshold) to be kept so that the top
    /// <paramref name="keepFraction"/> of <paramref name="scores"/> passes. With n scores, k is the
    /// smallest whole number with k &gt;= keepFraction·n (less 1e-9, so that 0.1·30 is 3, not 4), at
    /// least 1 when keepFraction &gt; 0; the threshold is the k-th largest score. Ties: every score equal
    /// to the threshold is kept, so a tie that straddles the cut keeps more than k; the result depends
    /// only on the multiset of scores, never on their order. keepFraction &gt;= 1 gives the smallest
    /// score (keep all); keepFraction &lt;= 0 or an empty pool gives +∞ (keep none).
    /// </summary>
    public static double TopFraction(IReadOnlyList<double> scores, double keepFraction)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (double.IsNaN(keepFraction))
        {
            throw new ArgumentException("keepFraction is NaN", nameof(keepFraction));
        }

        var sorted = new double[scores.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = double.IsNaN(scores[i])
                ? throw new ArgumentException($"score {i} is NaN", nameof(scores))
                : scores[i];
        }

        if (sorted.Length == 0 || keepFraction <= 0)
        {
            return double.PositiveInfinity;
        }

        Array.Sort(sorted);
        var keep = keepFraction >= 1
            ? sorted.Length
            : (int)Math.Clamp(Math.Ceiling(keepFraction * sorted.Length - 1e-9), 1, sorted.Length);
        return sorted[^keep];
    }
}

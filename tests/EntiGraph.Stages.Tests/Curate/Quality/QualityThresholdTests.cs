using EntiGraph.Stages.Curate.Quality;

namespace EntiGraph.Stages.Tests.Curate.Quality;

public sealed class QualityThresholdTests
{
    [Fact]
    public void The_top_tenth_of_distinct_scores_passes()
    {
        var scores = Enumerable.Range(0, 1000).Select(i => i / 1000.0).Reverse().ToList();

        var threshold = QualityThreshold.TopFraction(scores, 0.1);

        Assert.Equal(0.9, threshold);
        Assert.Equal(100, scores.Count(s => s >= threshold));
    }

    [Fact]
    public void A_fraction_that_is_not_exact_in_binary_still_cuts_where_expected()
    {
        // 0.1 × 30 is 3.0000000000000004 in doubles; the cut keeps 3, not 4.
        var scores = Enumerable.Range(0, 30).Select(i => (double)i).ToList();

        Assert.Equal(27.0, QualityThreshold.TopFraction(scores, 0.1));
        Assert.Equal(29.0, QualityThreshold.TopFraction(scores, 0.01));
        Assert.Equal(25.0, QualityThreshold.TopFraction(scores, 0.15));
    }

    [Fact]
    public void A_tie_at_the_cut_keeps_every_tied_score_whatever_the_order()
    {
        double[] scores = [0.2, 0.9, 0.5, 0.9, 0.1, 0.9, 0.3, 0.4, 0.6, 0.7];
        var reversed = scores.Reverse().ToList();

        var threshold = QualityThreshold.TopFraction(scores, 0.2);

        Assert.Equal(0.9, threshold);
        Assert.Equal(3, scores.Count(s => s >= threshold));
        Assert.Equal(threshold, QualityThreshold.TopFraction(reversed, 0.2));
    }

    [Fact]
    public void Edges_keep_all_or_none()
    {
        double[] scores = [0.3, 0.1, 0.7];

        Assert.Equal(0.1, QualityThreshold.TopFraction(scores, 1.0));
        Assert.Equal(0.7, QualityThreshold.TopFraction(scores, 0.0001));
        Assert.Equal(double.PositiveInfinity, QualityThreshold.TopFraction(scores, 0));
        Assert.Equal(double.PositiveInfinity, QualityThreshold.TopFraction([], 0.1));
        Assert.Throws<ArgumentException>(() => QualityThreshold.TopFraction([0.1, double.NaN], 0.5));
    }
}

namespace EntiGraph.Stages.Evaluate;

/// <summary>
/// A mean of per-item scores with its standard error, the sample standard deviation over √n, as
/// lm-evaluation-harness reports it, so accuracies can be compared across experiments with their noise.
/// </summary>
public readonly record struct MeanWithError(double Mean, double StandardError, int Count)
{
    public static MeanWithError Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            return new MeanWithError(double.NaN, double.NaN, 0);
        double mean = values.Average();
        if (values.Count == 1)
            return new MeanWithError(mean, double.NaN, 1);
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return new MeanWithError(mean, Math.Sqrt(variance / values.Count), values.Count);
    }
}

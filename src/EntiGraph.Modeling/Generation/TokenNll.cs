namespace EntiGraph.Modeling.Generation;

/// <summary>
/// Negative log-likelihood summed over <see cref="Count"/> predicted tokens. Kept as a sum and a count so that
/// blocks of different sizes combine into one exact mean, which averaging per-block means would not give.
/// </summary>
public readonly record struct TokenNll(double Sum, long Count)
{
    public double Mean => Count > 0 ? Sum / Count : throw new InvalidOperationException("No tokens were scored.");

    public double Perplexity => Math.Exp(Mean);

    public static TokenNll operator +(TokenNll a, TokenNll b) => new(a.Sum + b.Sum, a.Count + b.Count);
}

namespace EntiGraph.Modeling.Generation;

/// <summary>
/// Draws one row's next token from logits copied to the CPU, with temperature and nucleus (top-p) filtering.
/// The draw is made here, in double and with a managed seeded generator, so that the same seed gives the same
/// tokens whatever device ran the model and whatever random state the device holds.
/// </summary>
internal sealed class TokenSampler
{
    private readonly double _temperature, _topP;
    private readonly SplitMix64 _random;
    private double[] _weights = [];
    private int[] _order = [];

    public TokenSampler(double temperature, double topP, SplitMix64 random)
    {
        if (!(temperature > 0) || !double.IsFinite(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), $"Sampling needs a positive temperature, not {temperature}.");
        if (!(topP > 0 && topP <= 1))
            throw new ArgumentOutOfRangeException(nameof(topP), $"TopP must be in (0, 1], not {topP}.");
        _temperature = temperature;
        _topP = topP;
        _random = random;
    }

    public int Next(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty)
            throw new ArgumentException("There are no logits to sample from.", nameof(logits));
        double max = double.NegativeInfinity;
        foreach (float logit in logits)
        {
            if (float.IsNaN(logit) || float.IsPositiveInfinity(logit))
                throw new InvalidOperationException($"The model produced a logit of {logit}; there is no distribution to sample.");
            max = Math.Max(max, logit);
        }
        if (double.IsNegativeInfinity(max))
            throw new InvalidOperationException("Every logit is -infinity; there is no distribution to sample.");

        if (_weights.Length != logits.Length)
        {
            _weights = new double[logits.Length];
            _order = new int[logits.Length];
        }
        // Unnormalized probabilities, shifted by the maximum so that exp cannot overflow.
        double total = 0;
        for (int i = 0; i < logits.Length; i++)
            total += _weights[i] = Math.Exp((logits[i] - max) / _temperature);

        if (_topP >= 1)
            return Draw(total, logits.Length, i => i);

        // Most likely first; equal weights by lower id, so the order and hence the draw are fully determined.
        for (int i = 0; i < _order.Length; i++)
            _order[i] = i;
        var weights = _weights;
        Array.Sort(_order, (a, b) =>
        {
            int byWeight = weights[b].CompareTo(weights[a]);
            return byWeight != 0 ? byWeight : a.CompareTo(b);
        });
        // The nucleus: the shortest most-likely prefix holding at least topP of the mass, never empty.
        double kept = 0, needed = _topP * total;
        int count = 0;
        while (count < _order.Length && (count == 0 || kept < needed))
            kept += _weights[_order[count++]];
        return Draw(kept, count, k => _order[k]);
    }

    private int Draw(double mass, int count, Func<int, int> tokenAt)
    {
        double target = _random.NextDouble() * mass;
        double cumulative = 0;
        int lastPossible = -1;
        for (int k = 0; k < count; k++)
        {
            int token = tokenAt(k);
            double weight = _weights[token];
            if (weight <= 0)
                continue;
            lastPossible = token;
            cumulative += weight;
            if (target < cumulative)
                return token;
        }
        // Rounding can leave the target a hair above the last running sum; the last possible token owns that gap.
        return lastPossible;
    }
}

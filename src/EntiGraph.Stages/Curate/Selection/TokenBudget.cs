namespace EntiGraph.Stages.Curate.Selection;

/// <summary>
/// How a token budget is filled from an ordering of the pool. Documents are taken in order while the
/// running total plus the next document stays within the budget; the first document that would overshoot
/// ends the selection (it is not skipped for shorter ones further down, which would let low-ranked short
/// documents in). So when the whole pool does not fit, budget − (that document's tokens) &lt; selected
/// &lt;= budget: the selection falls short of the budget by less than the largest document.
/// </summary>
internal static class TokenBudget
{
    /// <summary>
    /// <paramref name="tokens"/> when above 0; otherwise floor(fraction × pool tokens), with 1e-9 of slack
    /// so that 0.1 × 30 is 3.
    /// </summary>
    public static long Of(long poolTokens, double fraction, long tokens) =>
        tokens > 0 ? tokens : (long)Math.Floor(fraction * poolTokens + 1e-9);

    public static bool[] Fill(IReadOnlyList<SelectionCandidate> pool, IReadOnlyList<int> order, long budget)
    {
        var selected = new bool[pool.Count];
        var total = 0L;
        foreach (var index in order)
        {
            var tokens = pool[index].Tokens;
            if (total + tokens > budget)
            {
                break;
            }

            total += tokens;
            selected[index] = true;
        }

        return selected;
    }
}

namespace EntiGraph.Stages.Curate.Selection;

/// <summary>
/// Scores a pool of documents and selects a token budget from it (see <see cref="SelectionSettings"/>).
/// Each metric is min-max normalised over the pool (novelty on log perplexity, so one outlier does not
/// flatten the rest; a metric equal for every document normalises to 0 and so adds nothing), and the
/// combined score is their weighted mean. Metrics with weight 0 are not used; novelty with weight 0 is
/// not even computed, since it costs a forward pass of the base model per document.
/// </summary>
public sealed class DataSelector(SelectionSettings settings, INoveltyScorer? novelty = null)
{
    private readonly SelectionSettings _settings = Validated(settings);

    /// <summary>
    /// One score per pool document, in pool order, with <see cref="SelectionScore.Selected"/> set on the
    /// documents that fill the budget (the rule is on <see cref="TokenBudget"/>). The task texts (for
    /// similarity) are the unlabeled task inputs; the seed only matters in soft mode.
    /// </summary>
    public IReadOnlyList<SelectionScore> Select(IReadOnlyList<SelectionCandidate> pool, IReadOnlyList<string> taskTexts, int seed)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(taskTexts);
        if (_settings.NoveltyWeight > 0 && novelty is null)
        {
            throw new NotSupportedException(
                "novelty selection (ETA-DACP-ppl) needs the perplexity of each document under the trained base model, " +
                "which comes from the train stage and is not available here; set selection.novelty_weight: 0 to select by similarity and diversity only");
        }

        var poolTokens = 0L;
        foreach (var candidate in pool)
        {
            if (candidate.Tokens < 0)
            {
                throw new ArgumentException($"document '{candidate.Id}' has a negative token count ({candidate.Tokens})", nameof(pool));
            }

            poolTokens += candidate.Tokens;
        }

        var similarity = new double[pool.Count];
        var diversity = new double[pool.Count];
        double[]? perplexity = _settings.NoveltyWeight > 0 ? new double[pool.Count] : null;
        var useSimilarity = _settings.SimilarityWeight > 0 || taskTexts.Count > 0;
        var task = useSimilarity && pool.Count > 0 ? TaskSimilarity.Build(pool, taskTexts, _settings.EmbeddingDimensions) : null;
        for (var i = 0; i < pool.Count; i++)
        {
            var text = pool[i].Text;
            similarity[i] = task?.Cosine(text) ?? 0;
            diversity[i] = TokenClasses.Diversity(text);
            if (perplexity is not null)
            {
                var value = novelty!.Perplexity(text);
                perplexity[i] = double.IsFinite(value) && value > 0
                    ? value
                    : throw new InvalidOperationException($"the novelty scorer gave document '{pool[i].Id}' a perplexity of {value}; expected a positive finite number");
            }
        }

        var combined = Combine(similarity, diversity, perplexity);
        var order = _settings.Mode == SelectionSettings.Soft
            ? SelectionOrder.Soft(pool, combined, seed)
            : SelectionOrder.Hard(pool, combined);
        var selected = TokenBudget.Fill(pool, order, TokenBudget.Of(poolTokens, _settings.BudgetFraction, _settings.BudgetTokens));

        var scores = new SelectionScore[pool.Count];
        for (var i = 0; i < pool.Count; i++)
        {
            scores[i] = new(pool[i].Id, similarity[i], diversity[i], perplexity?[i], combined[i], selected[i]);
        }

        return scores;
    }

    private double[] Combine(double[] similarity, double[] diversity, double[]? perplexity)
    {
        var weights = _settings.SimilarityWeight + _settings.DiversityWeight + (perplexity is null ? 0 : _settings.NoveltyWeight);
        var combined = new double[similarity.Length];
        Accumulate(combined, similarity, _settings.SimilarityWeight / weights);
        Accumulate(combined, diversity, _settings.DiversityWeight / weights);
        if (perplexity is not null)
        {
            var logs = new double[perplexity.Length];
            for (var i = 0; i < logs.Length; i++)
            {
                logs[i] = Math.Log(perplexity[i]);
            }

            Accumulate(combined, logs, _settings.NoveltyWeight / weights);
        }

        for (var i = 0; i < combined.Length; i++)
        {
            combined[i] = Math.Clamp(combined[i], 0.0, 1.0);
        }

        return combined;
    }

    private static void Accumulate(double[] combined, double[] metric, double weight)
    {
        if (weight <= 0 || metric.Length == 0)
        {
            return;
        }

        var min = metric.Min();
        var range = metric.Max() - min;
        if (range <= 0)
        {
            return;
        }

        for (var i = 0; i < metric.Length; i++)
        {
            combined[i] += weight * ((metric[i] - min) / range);
        }
    }

    private static SelectionSettings Validated(SelectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return settings;
    }
}

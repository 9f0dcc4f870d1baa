using EntiGraph.Stages.Curate.Selection;

namespace EntiGraph.Stages.Tests.Curate.Selection;

public sealed class DataSelectorTests
{
    private static readonly List<SelectionCandidate> Pool = SelectionPool.Mixed(financeCount: 10, otherCount: 50, seed: 1);

    [Fact]
    public void The_most_task_similar_documents_rank_first_and_are_selected()
    {
        var selector = new DataSelector(new SelectionSettings { DiversityWeight = 0, BudgetFraction = 0.15 });

        var scores = selector.Select(Pool, SelectionPool.TaskTexts, seed: 1);

        var ranked = scores.OrderByDescending(s => s.Similarity).ToList();
        Assert.All(ranked.Take(10), s => Assert.StartsWith("fin-", s.Id));
        Assert.True(ranked[9].Similarity > 1.5 * ranked[10].Similarity, $"{ranked[9].Similarity} vs {ranked[10].Similarity}");
        // With similarity the only weighted metric, the combined score orders documents as similarity does.
        Assert.Equal(ranked.Select(s => s.Id), scores.OrderByDescending(s => s.Combined).Select(s => s.Id));
        var selected = scores.Where(s => s.Selected).ToList();
        Assert.NotEmpty(selected);
        Assert.All(selected, s => Assert.StartsWith("fin-", s.Id));
        Assert.All(scores, s => Assert.InRange(s.Combined, 0.0, 1.0));
        Assert.Equal(1.0, scores.Max(s => s.Combined));
        Assert.Equal(0.0, scores.Min(s => s.Combined));
    }

    [Fact]
    public void Hard_selection_is_a_prefix_of_the_ranking_that_fills_the_budget_within_one_document()
    {
        var selector = new DataSelector(new SelectionSettings { BudgetFraction = 0.3 });

        var scores = selector.Select(Pool, SelectionPool.TaskTexts, seed: 1);

        var budget = (long)Math.Floor(0.3 * Pool.Sum(c => c.Tokens));
        var selected = SelectionPool.Selected(Pool, scores);
        Assert.InRange(selected, budget - Pool.Max(c => c.Tokens) + 1, budget);
        var lowestKept = scores.Where(s => s.Selected).Min(s => s.Combined);
        Assert.All(scores.Where(s => !s.Selected), s => Assert.True(s.Combined <= lowestKept));
    }

    [Fact]
    public void Hard_selection_stops_at_the_first_document_that_would_overshoot()
    {
        SelectionCandidate[] pool =
        [
            new("a", "shares rose", 40),
            new("b", "shares fell", 70),
            new("c", "profit", 10),
            new("d", "the garden", 5),
        ];
        var selector = new DataSelector(new SelectionSettings { DiversityWeight = 0, BudgetTokens = 100 });

        var scores = selector.Select(pool, ["shares rose and profit fell"], seed: 0);

        // Ranked a, b, c, d by similarity: a fits (40), b would make 110 and ends it; c and d are not taken.
        Assert.Equal(["a"], scores.Where(s => s.Selected).Select(s => s.Id));
    }

    [Fact]
    public void Soft_selection_fills_the_budget_within_one_document_and_is_reproducible_by_seed()
    {
        var selector = new DataSelector(new SelectionSettings { Mode = "soft", BudgetFraction = 0.2 });

        var first = selector.Select(Pool, SelectionPool.TaskTexts, seed: 7);
        var again = selector.Select(Pool, SelectionPool.TaskTexts, seed: 7);
        var other = selector.Select(Pool, SelectionPool.TaskTexts, seed: 8);
        var reversed = selector.Select(Enumerable.Reverse(Pool).ToList(), SelectionPool.TaskTexts, seed: 7);

        var budget = (long)Math.Floor(0.2 * Pool.Sum(c => c.Tokens));
        foreach (var scores in new[] { first, other })
        {
            Assert.InRange(SelectionPool.Selected(Pool, scores), budget - Pool.Max(c => c.Tokens) + 1, budget);
        }

        Assert.Equal(Ids(first), Ids(again));
        Assert.NotEqual(Ids(first), Ids(other));
        Assert.Equal(Ids(first), Ids(reversed));
    }

    [Fact]
    public void Soft_selection_favours_high_scores_but_keeps_the_tail()
    {
        var selector = new DataSelector(new SelectionSettings { Mode = "soft", DiversityWeight = 0, BudgetFraction = 0.15 });
        var picks = new Dictionary<string, int>();
        IReadOnlyList<SelectionScore> scores = [];
        for (var seed = 0; seed < 200; seed++)
        {
            scores = selector.Select(Pool, SelectionPool.TaskTexts, seed);
            foreach (var s in scores.Where(s => s.Selected))
            {
                picks[s.Id] = picks.GetValueOrDefault(s.Id) + 1;
            }
        }

        var finance = scores.Where(s => s.Id.StartsWith("fin-", StringComparison.Ordinal)).Sum(s => picks.GetValueOrDefault(s.Id));
        var others = scores.Where(s => !s.Id.StartsWith("fin-", StringComparison.Ordinal)).Sum(s => picks.GetValueOrDefault(s.Id));
        Assert.True(finance / 10.0 > 3 * (others / 50.0), $"finance {finance / 10.0} picks per document, others {others / 50.0}");
        Assert.True(others > 0, "soft sampling never took a document from the tail");
    }

    [Fact]
    public void A_token_budget_overrides_the_fraction()
    {
        var selector = new DataSelector(new SelectionSettings { BudgetTokens = 200, BudgetFraction = 0.9 });

        var selected = SelectionPool.Selected(Pool, selector.Select(Pool, SelectionPool.TaskTexts, seed: 1));

        Assert.InRange(selected, 200 - Pool.Max(c => c.Tokens) + 1, 200);
    }

    [Fact]
    public void Novelty_without_a_scorer_fails_clearly()
    {
        var selector = new DataSelector(new SelectionSettings { NoveltyWeight = 1 });

        var error = Assert.Throws<NotSupportedException>(() => selector.Select(Pool, SelectionPool.TaskTexts, seed: 1));

        Assert.Contains("base model", error.Message);
        Assert.Contains("train stage", error.Message);
        Assert.Contains("novelty_weight: 0", error.Message);
    }

    [Fact]
    public void Novelty_ranks_by_perplexity_when_a_scorer_is_given()
    {
        var scorer = new LengthPerplexity();
        var selector = new DataSelector(new SelectionSettings { NoveltyWeight = 1, SimilarityWeight = 0, DiversityWeight = 0, BudgetFraction = 0.1 }, scorer);

        var scores = selector.Select(Pool, [], seed: 1);

        var top = scores.OrderByDescending(s => s.Combined).First();
        Assert.Equal(Pool.MaxBy(c => c.Text.Length)!.Id, top.Id);
        Assert.Equal(1.0, top.Combined);
        Assert.All(scores, s => Assert.Equal(scorer.Perplexity(Pool.First(c => c.Id == s.Id).Text), s.Novelty));
        Assert.All(new DataSelector(new SelectionSettings(), scorer).Select(Pool, SelectionPool.TaskTexts, 1), s => Assert.Null(s.Novelty));
    }

    [Fact]
    public void Prose_is_more_diverse_than_a_keyword_list()
    {
        SelectionCandidate[] pool =
        [
            new("prose", "When the market opened, investors quickly sold their shares because the earnings report was disappointing.", 15),
            new("keywords", "shares stock earnings dividend investors stock shares bond profit revenue quarter", 11),
            new("table", "12 14 15 | 18 19 20 | 22 23 24 | 30 31 32", 15),
        ];
        var selector = new DataSelector(new SelectionSettings { SimilarityWeight = 0, BudgetTokens = 15 });

        var scores = selector.Select(pool, [], seed: 0).ToDictionary(s => s.Id);

        // Every keyword is a plain word: one class, no entropy. The table mixes numbers and symbols.
        Assert.Equal(0.0, scores["keywords"].Diversity);
        Assert.True(scores["prose"].Diversity > 2 * scores["table"].Diversity, $"{scores["prose"].Diversity} vs {scores["table"].Diversity}");
        Assert.True(scores["table"].Diversity > 0);
        Assert.True(scores["prose"].Selected);
        Assert.False(scores["keywords"].Selected);
    }

    [Fact]
    public void Similarity_needs_task_texts()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSelector(new SelectionSettings()).Select(Pool, [], seed: 1));
        Assert.Contains("similarity_weight to 0", error.Message);
    }

    private static string[] Ids(IReadOnlyList<SelectionScore> scores) =>
        scores.Where(s => s.Selected).Select(s => s.Id).Order(StringComparer.Ordinal).ToArray();

    private sealed class LengthPerplexity : INoveltyScorer
    {
        public double Perplexity(string text) => 10 + text.Length;
    }
}

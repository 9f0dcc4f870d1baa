using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Curate.Quality;

namespace EntiGraph.Stages.Curate.Selection;

/// <summary>
/// FinPythia-style data selection (ETS-DACP / ETA-DACP): score every pool document by similarity to the
/// task data, novelty (perplexity under the base model) and diversity (entropy of its token classes),
/// and keep a token budget, 10% of the pool by default, by rank (hard) or by weighted sampling (soft).
/// </summary>
public sealed record SelectionSettings
{
    internal const string Hard = "hard";
    internal const string Soft = "soft";

    public string Mode { get; init; } = Hard;

    /// <summary>The budget as a share of the pool's tokens.</summary>
    public double BudgetFraction { get; init; } = 0.1;

    /// <summary>The budget in tokens; when above 0 it overrides <see cref="BudgetFraction"/>.</summary>
    public long BudgetTokens { get; init; }

    public double SimilarityWeight { get; init; } = 1;

    public double NoveltyWeight { get; init; }

    public double DiversityWeight { get; init; } = 1;

    public int EmbeddingDimensions { get; init; } = 4096;

    public bool Enabled { get; init; } = true;

    public static ConfigSchema Schema() => new ConfigSchema()
        .Boolean("enabled", "select a token budget from the pool", @default: true)
        .Choice("mode", "hard: the top documents by score; soft: sampled without replacement in proportion to the score", [Hard, Soft], @default: Hard)
        .Number("budget_fraction", "the budget as a share of the pool's tokens", @default: 0.1, min: 0, max: 1)
        .Integer("budget_tokens", "the budget in tokens; above 0 it overrides budget_fraction", @default: 0, min: 0)
        .Number("similarity_weight", "weight of task similarity (ETS-DACP)", @default: 1.0, min: 0)
        .Number("novelty_weight", "weight of novelty, the perplexity under the base model (ETA-DACP-ppl); needs the trained base model", @default: 0.0, min: 0)
        .Number("diversity_weight", "weight of diversity, the entropy of the token classes (ETA-DACP-ent)", @default: 1.0, min: 0)
        .Integer("embedding_dimensions", "hash dimensions of the TF-IDF embedding behind task similarity", @default: 4096, min: 1, max: 1 << 24)
        .Rule(s => Number(s, "similarity_weight") + Number(s, "novelty_weight") + Number(s, "diversity_weight") <= 0
            ? "give at least one of similarity_weight, novelty_weight, diversity_weight a weight above 0"
            : null)
        .Rule(s => Number(s, "budget_fraction") <= 0 && s["budget_tokens"] is JsonValue tokens && tokens.TryGetValue<long>(out var t) && t <= 0
            ? "the budget is empty: give budget_fraction above 0 or budget_tokens (to skip the step, set enabled: false)"
            : null);

    public static SelectionSettings From(JsonObject section)
    {
        var defaults = new SelectionSettings();
        return new()
        {
            Enabled = SectionValues.Boolean(section, "enabled", defaults.Enabled),
            Mode = SectionValues.String(section, "mode", defaults.Mode),
            BudgetFraction = SectionValues.Number(section, "budget_fraction", defaults.BudgetFraction),
            BudgetTokens = SectionValues.Integer(section, "budget_tokens", defaults.BudgetTokens),
            SimilarityWeight = SectionValues.Number(section, "similarity_weight", defaults.SimilarityWeight),
            NoveltyWeight = SectionValues.Number(section, "novelty_weight", defaults.NoveltyWeight),
            DiversityWeight = SectionValues.Number(section, "diversity_weight", defaults.DiversityWeight),
            EmbeddingDimensions = SectionValues.ToInt("embedding_dimensions",
                SectionValues.Integer(section, "embedding_dimensions", defaults.EmbeddingDimensions)),
        };
    }

    internal void Validate()
    {
        if (Mode is not (Hard or Soft))
        {
            throw new ArgumentException($"selection mode '{Mode}' is unknown; use {Hard} or {Soft}");
        }

        if (!(SimilarityWeight >= 0 && NoveltyWeight >= 0 && DiversityWeight >= 0) ||
            !double.IsFinite(SimilarityWeight + NoveltyWeight + DiversityWeight))
        {
            throw new ArgumentException("selection weights must be finite and at least 0");
        }

        if (SimilarityWeight + NoveltyWeight + DiversityWeight <= 0)
        {
            throw new ArgumentException("give at least one of similarity_weight, novelty_weight, diversity_weight a weight above 0");
        }

        if (!(BudgetFraction is >= 0 and <= 1) || BudgetTokens < 0)
        {
            throw new ArgumentException($"the budget must be a fraction in [0, 1] or a token count >= 0 (got {BudgetFraction}, {BudgetTokens})");
        }

        if (EmbeddingDimensions < 1)
        {
            throw new ArgumentException($"embedding_dimensions must be at least 1, not {EmbeddingDimensions}");
        }
    }

    private static double Number(JsonObject section, string key) =>
        section[key] is JsonValue value && value.TryGetValue<double>(out var number) ? number : 0;
}

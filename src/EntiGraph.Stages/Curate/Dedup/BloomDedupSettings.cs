using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;

namespace EntiGraph.Stages.Curate.Dedup;

/// <summary>
/// The <c>bloom</c> dedup section: DCLM's BFF run with <c>--remove-type old-both</c>, whose defaults
/// are the paper's (13-grams, threshold 0.8, false-positive rate 0.01).
/// </summary>
public sealed record BloomDedupSettings
{
    public int NGram { get; init; } = 13;

    public double Threshold { get; init; } = 0.8;

    public double FalsePositiveRate { get; init; } = 0.01;

    /// <summary>Sizes the filter: at 10 million n-grams and 1% it takes 12 MB. Guess high: past it the false-positive rate climbs.</summary>
    public long ExpectedNGrams { get; init; } = 10_000_000;

    public bool Enabled { get; init; } = true;

    public static ConfigSchema Schema() => new ConfigSchema()
        .Boolean("enabled", "remove repeated paragraphs and documents with a Bloom filter of n-grams (DCLM's BFF, old-both)", @default: true)
        .Integer("ngram", "tokens per n-gram; paragraphs with fewer tokens are never checked", @default: 13, min: 1, max: 256)
        .Number("threshold", "a paragraph (and a whole document) goes when more than this share of its n-grams was seen before", @default: 0.8, min: 0, max: 1)
        .Number("false_positive_rate", "the Bloom filter's false-positive rate per n-gram at the expected count", @default: 0.01, min: 1e-9, max: 0.5)
        .Integer("expected_ngrams", "n-grams the filter is sized for (about the corpus's token count); memory is 1.2 bytes per n-gram at 1%", @default: 10_000_000, min: 1, max: 10_000_000_000);

    public static BloomDedupSettings From(JsonObject section)
    {
        var defaults = new BloomDedupSettings();
        return new BloomDedupSettings
        {
            Enabled = section["enabled"] is { } enabled ? (bool)enabled : defaults.Enabled,
            NGram = section["ngram"] is { } ngram ? checked((int)(long)ngram) : defaults.NGram,
            Threshold = section["threshold"] is { } threshold ? (double)threshold : defaults.Threshold,
            FalsePositiveRate = section["false_positive_rate"] is { } rate ? (double)rate : defaults.FalsePositiveRate,
            ExpectedNGrams = section["expected_ngrams"] is { } expected ? (long)expected : defaults.ExpectedNGrams,
        };
    }
}

using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;

namespace EntiGraph.Stages.Curate.Quality;

/// <summary>
/// The quality-classifier step (DCLM's fastText filter): a bigram linear classifier trained to tell
/// high-quality reference text from the web pool, keeping the top <see cref="KeepFraction"/> of the pool
/// by its score. Defaults are DCLM's: bigrams on, five epochs, learning rate 0.1, keep the top 10%.
/// </summary>
public sealed record QualitySettings
{
    public int Buckets { get; init; } = 1 << 20;

    public int Epochs { get; init; } = 5;

    public double LearningRate { get; init; } = 0.1;

    public double KeepFraction { get; init; } = 0.1;

    public bool Bigrams { get; init; } = true;

    public bool Enabled { get; init; } = true;

    public static ConfigSchema Schema() => new ConfigSchema()
        .Boolean("enabled", "score the pool and keep its best part", @default: true)
        .Integer("buckets", "hash buckets shared by word unigrams and bigrams (one weight each)", @default: 1 << 20, min: 1, max: 1 << 27)
        .Integer("epochs", "passes of SGD over the shuffled training documents", @default: 5, min: 1, max: 1000)
        .Number("learning_rate", "the SGD step at the start; it decays linearly to zero over training", @default: 0.1, min: 0, max: 10)
        .Number("keep_fraction", "the share of the pool kept, by score (DCLM keeps the top 10%)", @default: 0.1, min: 0, max: 1)
        .Boolean("bigrams", "add hashed word bigrams to the unigrams (fastText wordNgrams=2)", @default: true)
        .Rule(s => s["learning_rate"] is JsonValue rate && rate.TryGetValue<double>(out var r) && r <= 0
            ? "learning_rate must be above 0"
            : null)
        .Rule(s => s["keep_fraction"] is JsonValue keep && keep.TryGetValue<double>(out var k) && k <= 0
            ? "keep_fraction must be above 0 (to skip the step, set enabled: false)"
            : null);

    public static QualitySettings From(JsonObject section)
    {
        var defaults = new QualitySettings();
        return new()
        {
            Enabled = SectionValues.Boolean(section, "enabled", defaults.Enabled),
            Buckets = SectionValues.ToInt("buckets", SectionValues.Integer(section, "buckets", defaults.Buckets)),
            Epochs = SectionValues.ToInt("epochs", SectionValues.Integer(section, "epochs", defaults.Epochs)),
            LearningRate = SectionValues.Number(section, "learning_rate", defaults.LearningRate),
            KeepFraction = SectionValues.Number(section, "keep_fraction", defaults.KeepFraction),
            Bigrams = SectionValues.Boolean(section, "bigrams", defaults.Bigrams),
        };
    }

    internal void Validate()
    {
        if (Buckets < 1)
        {
            throw new ArgumentException($"buckets must be at least 1, not {Buckets}");
        }

        if (Epochs < 1)
        {
            throw new ArgumentException($"epochs must be at least 1, not {Epochs}");
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentException($"learning_rate must be a positive number, not {LearningRate}");
        }
    }
}

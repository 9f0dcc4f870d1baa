using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;

namespace EntiGraph.Stages.Curate.Dedup;

/// <summary>
/// The <c>minhash</c> dedup section: near-duplicate documents by MinHash and locality-sensitive
/// hashing, the alternative DCLM compared BFF with. Off by default, since the paper's pipeline
/// uses BFF alone.
/// </summary>
/// <remarks>
/// With b bands of r rows, two documents of Jaccard similarity s share a band with probability
/// 1 − (1 − s^r)^b; the curve is steepest near s ≈ (1/b)^(1/r). The defaults, 20 bands × 5 rows
/// (100 permutations), put that point at (1/20)^(1/5) ≈ 0.55: at s = 0.8 a pair is caught 99.96%
/// of the time, at s = 0.3 only 4.8%.
/// </remarks>
public sealed record MinHashSettings
{
    /// <summary>Words per shingle.</summary>
    public int ShingleSize { get; init; } = 5;

    public int Bands { get; init; } = 20;

    public int Rows { get; init; } = 5;

    public int Seed { get; init; } = 42;

    public bool Enabled { get; init; }

    public static ConfigSchema Schema() => new ConfigSchema()
        .Boolean("enabled", "drop documents that MinHash-LSH finds near-duplicate to an earlier kept one", @default: false)
        .Integer("shingle_size", "words per shingle", @default: 5, min: 1, max: 64)
        .Integer("bands", "LSH bands; with rows, the similarity at which documents start to match is about (1/bands)^(1/rows)", @default: 20, min: 1, max: 1024)
        .Integer("rows", "signature rows per band (bands x rows permutations in all)", @default: 5, min: 1, max: 64)
        .Integer("seed", "seeds the permutations; the same seed gives the same decisions", @default: 42, min: int.MinValue, max: int.MaxValue);

    public static MinHashSettings From(JsonObject section)
    {
        var defaults = new MinHashSettings();
        return new MinHashSettings
        {
            Enabled = section["enabled"] is { } enabled ? (bool)enabled : defaults.Enabled,
            ShingleSize = section["shingle_size"] is { } shingle ? checked((int)(long)shingle) : defaults.ShingleSize,
            Bands = section["bands"] is { } bands ? checked((int)(long)bands) : defaults.Bands,
            Rows = section["rows"] is { } rows ? checked((int)(long)rows) : defaults.Rows,
            Seed = section["seed"] is { } seed ? checked((int)(long)seed) : defaults.Seed,
        };
    }
}

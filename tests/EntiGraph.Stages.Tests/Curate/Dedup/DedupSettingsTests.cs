using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Curate.Dedup;

namespace EntiGraph.Stages.Tests.Curate.Dedup;

public sealed class DedupSettingsTests
{
    [Fact]
    public void The_schema_defaults_are_the_papers_values()
    {
        var bloom = BloomDedupSettings.From(Resolve(BloomDedupSettings.Schema(), ""));
        var minHash = MinHashSettings.From(Resolve(MinHashSettings.Schema(), ""));

        Assert.Equal(new BloomDedupSettings { NGram = 13, Threshold = 0.8, FalsePositiveRate = 0.01, ExpectedNGrams = 10_000_000, Enabled = true }, bloom);
        Assert.Equal(new MinHashSettings { ShingleSize = 5, Bands = 20, Rows = 5, Seed = 42, Enabled = false }, minHash);
        Assert.Equal(new BloomDedupSettings(), bloom);
        Assert.Equal(new MinHashSettings(), minHash);
    }

    [Fact]
    public void Every_key_is_read_from_the_resolved_section()
    {
        var bloom = BloomDedupSettings.From(Resolve(BloomDedupSettings.Schema(), """
            enabled: false
            ngram: 10
            threshold: 0.75
            false_positive_rate: 0.001
            expected_ngrams: 2_000_000
            """));
        var minHash = MinHashSettings.From(Resolve(MinHashSettings.Schema(), """
            enabled: true
            shingle_size: 3
            bands: 9
            rows: 13
            seed: -5
            """));

        Assert.Equal(new BloomDedupSettings { Enabled = false, NGram = 10, Threshold = 0.75, FalsePositiveRate = 0.001, ExpectedNGrams = 2_000_000 }, bloom);
        Assert.Equal(new MinHashSettings { Enabled = true, ShingleSize = 3, Bands = 9, Rows = 13, Seed = -5 }, minHash);
    }

    [Fact]
    public void Out_of_range_values_are_reported_by_the_validator()
    {
        var validator = new ConfigValidator(Path.GetTempPath());
        validator.ResolveSection(SpecReader.Read("threshold: 1.5\nngram: 0", "experiment.yaml"), BloomDedupSettings.Schema(), "curate.bloom", new SourceLocation("experiment.yaml", 1, 1));

        Assert.Equal(["curate.bloom.ngram", "curate.bloom.threshold"], validator.Errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_section_missing_keys_falls_back_to_the_defaults()
    {
        Assert.Equal(new BloomDedupSettings { Threshold = 0.9 }, BloomDedupSettings.From(new JsonObject { ["threshold"] = 0.9 }));
        Assert.Equal(new MinHashSettings { Bands = 4 }, MinHashSettings.From(new JsonObject { ["bands"] = 4L }));
    }

    private static JsonObject Resolve(ConfigSchema schema, string yaml)
    {
        var validator = new ConfigValidator(Path.GetTempPath());
        var section = yaml.Length == 0 ? null : SpecReader.Read(yaml, "experiment.yaml");
        var resolved = validator.ResolveSection(section, schema, "curate.dedup", new SourceLocation("experiment.yaml", 1, 1));
        Assert.Empty(validator.Errors);
        return resolved;
    }
}

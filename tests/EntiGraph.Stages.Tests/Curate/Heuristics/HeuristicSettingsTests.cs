using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Curate.Heuristics;
using static EntiGraph.Stages.Tests.Curate.Heuristics.Run;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

public sealed class HeuristicSettingsTests
{
    private static JsonObject Resolve(JsonObject? given = null)
    {
        var validator = new ConfigValidator(Path.GetTempPath());
        var resolved = validator.ResolveSection(null, HeuristicSettings.Schema(), "curate.heuristics", new SourceLocation("experiment.yaml", 1, 1));
        Assert.Empty(validator.Errors);
        foreach (var (key, value) in given ?? [])
        {
            resolved[key] = value?.DeepClone();
        }

        return resolved;
    }

    [Fact]
    public void The_defaults_are_the_papers_values()
    {
        var s = HeuristicSettings.From(Resolve());

        Assert.True(s.Enabled);
        Assert.Empty(s.SkipRules);
        Assert.Empty(s.BannedDomains);
        Assert.Equal(2, s.MinSoftUrlWords);
        Assert.Equal("stopwords", s.LanguageDetector);
        Assert.Equal("en", s.Language);
        Assert.Equal(0.65, s.LanguageThreshold);
        Assert.Equal((50, 100_000), (s.MinWords, s.MaxWords));
        Assert.Equal((3.0, 10.0), (s.MinMeanWordLength, s.MaxMeanWordLength));
        Assert.Equal(0.1, s.MaxSymbolWordRatio);
        Assert.Equal(0.9, s.MaxBulletLineRatio);
        Assert.Equal(0.3, s.MaxEllipsisLineRatio);
        Assert.Equal(0.2, s.MaxNonAlphabeticWordRatio);
        Assert.Equal(2, s.MinStopWords);
        Assert.Equal(["the", "be", "to", "of", "and", "that", "have", "with"], s.StopWords);
        Assert.False(s.DistinctStopWords);
        Assert.Equal((0.3, 0.3, 0.2, 0.2), (s.MaxDuplicateLineRatio, s.MaxDuplicateParagraphRatio, s.MaxDuplicateLineCharRatio, s.MaxDuplicateParagraphCharRatio));
        Assert.Equal([0.20, 0.18, 0.16], s.MaxTopNgramCharRatio);
        Assert.Equal([0.15, 0.14, 0.13, 0.12, 0.11, 0.10], s.MaxDuplicateNgramCharRatio);
        Assert.Equal(0.5, s.MaxUppercaseLineRatio);
        Assert.Equal(2, s.MinLineWords);
        Assert.Equal(10, s.ShortLineMaxWords);
        Assert.Equal(["items in cart"], s.StripSubstrings);
        Assert.Equal(["Read more..."], s.StripSuffixes);
        Assert.Equal(["Sign-in"], s.StripPrefixes);
        Assert.Equal(0.05, s.MaxRemovedWordRatio);
        Assert.Equal(2, s.MaxConsecutiveNewlines);
        Assert.Equal(UrlStripper.DefaultTlds, s.UrlTlds);
    }

    [Fact]
    public void Every_threshold_has_a_key()
    {
        var keys = HeuristicSettings.Schema().Fields.Select(f => f.Name).ToHashSet();
        string[] expected =
        [
            "enabled", "skip_rules", "banned_domains", "banned_url_substrings", "hard_url_words", "soft_url_words", "min_soft_url_words",
            "strip_urls", "url_tlds", "max_consecutive_newlines", "language_detector", "language", "language_threshold",
            "min_words", "max_words", "min_mean_word_length", "max_mean_word_length", "max_symbol_word_ratio",
            "max_bullet_line_ratio", "max_ellipsis_line_ratio", "max_non_alphabetic_word_ratio", "min_stop_words", "stop_words",
            "distinct_stop_words", "max_duplicate_line_ratio", "max_duplicate_paragraph_ratio", "max_duplicate_line_char_ratio",
            "max_duplicate_paragraph_char_ratio", "max_top_2gram_char_ratio", "max_top_3gram_char_ratio", "max_top_4gram_char_ratio",
            "max_duplicate_5gram_char_ratio", "max_duplicate_6gram_char_ratio", "max_duplicate_7gram_char_ratio",
            "max_duplicate_8gram_char_ratio", "max_duplicate_9gram_char_ratio", "max_duplicate_10gram_char_ratio",
            "drop_uppercase_lines", "max_uppercase_line_ratio", "drop_digit_lines", "drop_counter_lines", "min_line_words",
            "short_line_max_words", "strip_substrings", "strip_suffixes", "strip_prefixes", "max_removed_word_ratio",
        ];
        Assert.Equal(expected.Order(), keys.Order());
        Assert.Equal(HeuristicPipeline.RuleNames, HeuristicSettings.Schema().Find("skip_rules")!.Element!.Choices);
    }

    [Fact]
    public void Given_values_are_read()
    {
        var s = HeuristicSettings.From(Resolve(Section(
            ("enabled", false),
            ("skip_rules", new JsonArray("language", "gopher_top_2gram")),
            ("banned_domains", new JsonArray("example.com")),
            ("min_words", 10L),
            ("max_mean_word_length", 12.5),
            ("max_top_3gram_char_ratio", 0.5),
            ("max_duplicate_10gram_char_ratio", 0.25),
            ("distinct_stop_words", true),
            ("strip_prefixes", new JsonArray()))));

        Assert.False(s.Enabled);
        Assert.Equal(["language", "gopher_top_2gram"], s.SkipRules);
        Assert.Equal(["example.com"], s.BannedDomains);
        Assert.Equal(10, s.MinWords);
        Assert.Equal(12.5, s.MaxMeanWordLength);
        Assert.Equal([0.20, 0.5, 0.16], s.MaxTopNgramCharRatio);
        Assert.Equal(0.25, s.MaxDuplicateNgramCharRatio[5]);
        Assert.True(s.DistinctStopWords);
        Assert.Empty(s.StripPrefixes);
    }

    [Fact]
    public void A_partial_section_falls_back_to_the_defaults()
    {
        var s = HeuristicSettings.From(Section(("min_words", 7L), ("max_symbol_word_ratio", 1L)));
        Assert.Equal(7, s.MinWords);
        Assert.Equal(1.0, s.MaxSymbolWordRatio);
        Assert.Equal(100_000, s.MaxWords);
        Assert.Equal(new HeuristicSettings().StopWords, s.StopWords);
    }

    [Fact]
    public void Validation_refuses_fasttext_and_other_languages_for_the_stopword_detector()
    {
        var schema = HeuristicSettings.Schema();
        string?[] Errors(JsonObject section) => [.. schema.Rules.Select(rule => rule(section)).Where(e => e is not null)];

        var fasttext = Errors(Resolve(Section(("language_detector", "fasttext"))));
        Assert.Contains(fasttext, e => e!.Contains("not available in this build", StringComparison.Ordinal));

        var german = Errors(Resolve(Section(("language", "de"))));
        Assert.Contains(german, e => e!.Contains("only knows English", StringComparison.Ordinal));

        Assert.Contains(Errors(Resolve(Section(("min_words", 10L), ("max_words", 5L)))), e => e!.Contains("min_words", StringComparison.Ordinal));
        Assert.Empty(Errors(Resolve()));
    }
}

using EntiGraph.Stages.Curate.Heuristics;
using static EntiGraph.Stages.Tests.Curate.Heuristics.Run;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

public sealed class RuleOrderTests
{
    [Fact]
    public void Rule_names_are_stable_distinct_and_in_order()
    {
        Assert.Equal(
        [
            "url_banned_domain", "url_banned_substring", "url_hard_word", "url_soft_words", "empty", "language",
            "page_length", "mean_word_length", "symbol_ratio", "bullet_lines", "ellipsis_lines", "non_alphabetic_words", "stop_words",
            "gopher_duplicate_lines", "gopher_duplicate_paragraphs", "gopher_duplicate_line_chars", "gopher_duplicate_paragraph_chars",
            "gopher_top_2gram", "gopher_top_3gram", "gopher_top_4gram",
            "gopher_duplicate_5gram", "gopher_duplicate_6gram", "gopher_duplicate_7gram", "gopher_duplicate_8gram",
            "gopher_duplicate_9gram", "gopher_duplicate_10gram",
            "line_modifier_cap",
        ], HeuristicPipeline.RuleNames);
    }

    [Fact]
    public void A_banned_url_is_reported_before_anything_in_the_text()
    {
        var settings = new HeuristicSettings { BannedDomains = ["example.com"] };
        Rejected(HeuristicRule.UrlBannedDomain, With(settings, LanguageDetectorTests.German, "https://example.com/"));
        Rejected(HeuristicRule.Language, With(settings, LanguageDetectorTests.German, "https://example.org/"));
    }

    [Fact]
    public void Language_comes_before_page_length()
    {
        Rejected(HeuristicRule.Language, Default("Die Stadt liegt am Ufer des Flusses."));
        Rejected(HeuristicRule.PageLength, Default("Anyone who has stopped on the way home to watch the sun go down has seen the same slow performance."));
    }

    [Fact]
    public void Page_length_comes_before_stop_words()
    {
        // 45 words, no stop word, English by its other function words.
        string[] function = ["it", "is", "for", "this", "was", "are"];
        var words = new TestText();
        var tokens = Enumerable.Range(0, 45).Select(i => i % 3 == 0 ? function[i / 3 % function.Length] : words.Word()).ToList();
        Rejected(HeuristicRule.PageLength, Default(string.Join('\n', TestText.Lines(tokens))));
        Rejected(HeuristicRule.StopWords, With(Skipping(HeuristicRule.PageLength), string.Join('\n', TestText.Lines(tokens))));
    }

    [Fact]
    public void Stop_words_come_before_repetition()
    {
        // Every line twice and no stop word: both the stop-word and the duplicate-line filters fail.
        string[] function = ["it", "is", "for", "this", "was", "are"];
        var words = new TestText();
        var tokens = Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? function[i / 3 % function.Length] : words.Word()).ToList();
        var lines = TestText.Lines(tokens);
        var text = string.Join('\n', lines.Concat(lines));
        Rejected(HeuristicRule.StopWords, Default(text));
        Rejected(HeuristicRule.DuplicateLines, With(Skipping(HeuristicRule.StopWords), text));
    }

    [Fact]
    public void Symbols_come_before_bullets_and_ellipses()
    {
        var lines = new TestText().Lines(100).Select(l => "- " + l + " ###").ToList();
        var text = string.Join('\n', lines);
        Rejected(HeuristicRule.SymbolRatio, Default(text));
        Rejected(HeuristicRule.BulletLines, With(Skipping(HeuristicRule.SymbolRatio), text));
    }

    [Fact]
    public void Repetition_comes_before_the_line_modifiers()
    {
        // Shouting every line twice: the modifiers would remove everything, but the copies are found first.
        var lines = new TestText().Lines(100).Select(l => l.ToUpperInvariant()).ToList();
        var text = string.Join('\n', lines.Concat(lines));
        Rejected(HeuristicRule.DuplicateLines, Default(text));
        var gopher = HeuristicPipeline.RuleNames.Where(r => r.StartsWith("gopher_", StringComparison.Ordinal)).ToArray();
        Rejected(HeuristicRule.LineModifierCap, With(Skipping(gopher), text));
    }

    [Fact]
    public void Skipped_rules_are_not_applied_and_unknown_ones_are_refused()
    {
        var text = new TestText().Prose(10);
        Kept(With(Skipping(HeuristicRule.PageLength), text));
        var error = Assert.Throws<ArgumentException>(() => new HeuristicPipeline(Skipping("page_lenght")));
        Assert.Contains("page_lenght", error.Message);
    }

    [Fact]
    public void Disabled_heuristics_keep_everything_untouched()
    {
        var text = "SHORT\n\n\n\nhttps://example.com";
        var result = With(new HeuristicSettings { Enabled = false, BannedDomains = ["example.com"] }, text, "https://example.com");
        Assert.Equal(new HeuristicResult(true, null, text), result);
    }
}

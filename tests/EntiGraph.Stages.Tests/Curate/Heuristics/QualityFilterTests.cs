using EntiGraph.Stages.Curate.Heuristics;
using static EntiGraph.Stages.Tests.Curate.Heuristics.Run;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

/// <summary>The page-level filters, each with a document on either side of its threshold.</summary>
public sealed class QualityFilterTests
{
    [Fact]
    public void Page_length_needs_fifty_words()
    {
        Kept(Default(new TestText().Prose(50)));
        Rejected(HeuristicRule.PageLength, Default(new TestText().Prose(49)));
    }

    [Fact]
    public void Page_length_allows_a_hundred_thousand_words()
    {
        Kept(Default(new TestText().Prose(100_000)));
        Rejected(HeuristicRule.PageLength, Default(new TestText().Prose(100_001)));
    }

    [Fact]
    public void Page_length_ignores_punctuation_tokens()
    {
        // 49 words and a lone dash: the dash is not a word.
        var text = new TestText().Prose(49) + " -";
        Rejected(HeuristicRule.PageLength, Default(text));
    }

    [Fact]
    public void Mean_word_length_at_least_three()
    {
        // "the"/"and" and three-letter words: a mean of exactly 3.
        var words = new TestText();
        var tokens = Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? (i % 4 == 0 ? "the" : "and") : words.Word(3)).ToList();
        Kept(Default(string.Join('\n', TestText.Lines(tokens))));

        tokens[1] = words.Word(2);
        Assert.True(tokens.Sum(t => t.Length) / 60.0 < 3);
        Rejected(HeuristicRule.MeanWordLength, Default(string.Join('\n', TestText.Lines(tokens))));
    }

    [Fact]
    public void Mean_word_length_at_most_ten()
    {
        var words = new TestText();
        var tokens = Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? (i % 4 == 0 ? "the" : "and") : words.Word(17)).ToList();
        Assert.Equal(10.0, tokens.Sum(t => t.Length) / 60.0);
        Kept(Default(string.Join('\n', TestText.Lines(tokens))));

        tokens[1] = words.Word(18);
        Rejected(HeuristicRule.MeanWordLength, Default(string.Join('\n', TestText.Lines(tokens))));
    }

    [Theory]
    [InlineData("#", 10, true)]
    [InlineData("#", 11, false)]
    [InlineData("...", 10, true)]
    [InlineData("...", 11, false)]
    [InlineData("\u2026", 11, false)]
    public void Symbols_per_word_at_most_a_tenth(string symbol, int symbols, bool keep)
    {
        var tokens = new TestText().Tokens(100);
        for (var i = 0; i < symbols; i++)
        {
            // Inside a word, so that no line ends with an ellipsis and no token loses its letters.
            var at = 1 + (i * 9);
            tokens[at] = tokens[at][..3] + symbol + tokens[at][3..];
        }

        var result = Default(string.Join('\n', TestText.Lines(tokens)));
        if (keep)
        {
            Kept(result);
        }
        else
        {
            Rejected(HeuristicRule.SymbolRatio, result);
        }
    }

    [Theory]
    [InlineData(9, true)]
    [InlineData(10, false)]
    public void Bullet_lines_at_most_ninety_percent(int bullets, bool keep)
    {
        var lines = new TestText().Lines(100);
        for (var i = 0; i < bullets; i++)
        {
            lines[i] = (i % 2 == 0 ? "- " : "\u2022 ") + lines[i];
        }

        var result = Default(string.Join('\n', lines));
        if (keep)
        {
            Kept(result);
        }
        else
        {
            Rejected(HeuristicRule.BulletLines, result);
        }
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Ellipsis_lines_at_most_thirty_percent(int ellipses, bool keep)
    {
        var lines = new TestText().Lines(100);
        for (var i = 0; i < ellipses; i++)
        {
            lines[i * 2] += i % 2 == 0 ? "..." : "\u2026";
        }

        var result = Default(string.Join('\n', lines));
        if (keep)
        {
            Kept(result);
        }
        else
        {
            Rejected(HeuristicRule.EllipsisLines, result);
        }
    }

    [Theory]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void Non_alphabetic_words_at_most_twenty_percent(int numbers, bool keep)
    {
        var tokens = new TestText().Tokens(80);
        for (var i = 0; i < numbers; i++)
        {
            tokens.Insert(1 + (i * 4), (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + (i % 2 == 0 ? "" : "%"));
        }

        var result = Default(string.Join('\n', TestText.Lines(tokens)));
        if (keep)
        {
            Kept(result);
        }
        else
        {
            Rejected(HeuristicRule.NonAlphabeticWords, result);
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void Two_stop_words_at_least(int stopWords, bool keep)
    {
        // English function words that are not stop words keep the language detector content.
        string[] function = ["it", "is", "for", "this", "was", "are"];
        var words = new TestText();
        var tokens = Enumerable.Range(0, 90).Select(i => i % 3 == 0 ? function[i / 3 % function.Length] : words.Word()).ToList();
        for (var i = 0; i < stopWords; i++)
        {
            tokens[(i * 30) + 1] = i == 0 ? "The" : "with";
        }

        var result = Default(string.Join('\n', TestText.Lines(tokens)));
        if (keep)
        {
            Kept(result);
        }
        else
        {
            Rejected(HeuristicRule.StopWords, result);
        }
    }

    [Fact]
    public void Stop_words_count_whole_tokens_and_optionally_distinct_ones()
    {
        string[] function = ["it", "is", "for", "this", "was", "are"];
        var words = new TestText();
        var tokens = Enumerable.Range(0, 90).Select(i => i % 3 == 0 ? function[i / 3 % function.Length] : words.Word()).ToList();
        tokens[1] = "the";
        tokens[31] = "THE";
        var text = string.Join('\n', TestText.Lines(tokens));
        Kept(Default(text));
        Rejected(HeuristicRule.StopWords, With(new HeuristicSettings { DistinctStopWords = true }, text));

        // "the," is not the stop word "the": the filter splits on whitespace only, as DCLM's does.
        tokens[31] = "the,";
        Rejected(HeuristicRule.StopWords, Default(string.Join('\n', TestText.Lines(tokens))));
    }

    [Fact]
    public void Thresholds_come_from_the_settings()
    {
        var text = new TestText().Prose(60);
        Rejected(HeuristicRule.PageLength, With(new HeuristicSettings { MinWords = 61 }, text));
        Kept(With(new HeuristicSettings { MinWords = 61, SkipRules = [HeuristicRule.PageLength] }, text));
        Rejected(HeuristicRule.StopWords, With(new HeuristicSettings { MinStopWords = 100 }, text));
    }
}

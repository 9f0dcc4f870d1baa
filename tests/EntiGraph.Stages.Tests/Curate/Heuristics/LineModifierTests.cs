using EntiGraph.Stages.Curate.Heuristics;
using static EntiGraph.Stages.Tests.Curate.Heuristics.Run;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

public sealed class LineModifierTests
{
    [Fact]
    public void Each_modifier_edits_its_lines()
    {
        var prose = new TestText().Lines(600);
        string[] lines =
        [
            prose[0],
            "BREAKING NEWS FROM THE RIVER",
            prose[1],
            "2024",
            "3K likes",
            "1,024 views",
            "  12 comments \u00bb",
            "3 likes and a comment on the story",
            prose[2],
            "Menu",
            "Add to basket 3 items in cart",
            "Continue with the story Read more...",
            "Sign-in to comment below",
            "sign-in",
            prose[3],
            "The phrase items in cart stays in a line that has more than ten words of text here",
        ];
        string[] expected =
        [
            prose[0],
            prose[1],
            "3 likes and a comment on the story",
            prose[2],
            "Add to basket 3",
            "Continue with the story",
            "to comment below",
            prose[3],
            "The phrase items in cart stays in a line that has more than ten words of text here",
        ];

        var result = Default(string.Join('\n', lines.Concat(prose[4..])));

        Kept(result);
        Assert.Equal(string.Join('\n', expected.Concat(prose[4..])), result.Text);
    }

    [Fact]
    public void An_untouched_page_comes_back_as_it_was()
    {
        var text = new TestText().Prose(120);
        Assert.Same(text, Default(text).Text);
    }

    [Fact]
    public void Uppercase_lines_go_above_half_uppercase()
    {
        var prose = new TestText().Lines(300);
        var text = string.Join('\n', ["ABCDEFghij", "ABCDEfghij klm", .. prose]);
        Assert.Equal(string.Join('\n', ["ABCDEfghij klm", .. prose]), Default(text).Text);
    }

    [Fact]
    public void The_page_is_stripped_after_each_modifier()
    {
        var prose = new TestText().Lines(300);
        var text = string.Join('\n', ["TITLE IN CAPITALS", "   123", "  ", .. prose]) + "\n \n";

        // After the uppercase line goes, the strip takes the indent off "123", which then goes as a digit line.
        Assert.Equal(string.Join('\n', prose), Default(text).Text);
    }

    [Theory]
    [InlineData("3K likes", true)]
    [InlineData("1.2M views", true)]
    [InlineData("• 1,024 Followers", true)]
    [InlineData("12 comments »", true)]
    [InlineData("12   shares", true)]
    [InlineData("12 sharesx", false)]
    [InlineData("likes 12", false)]
    [InlineData("12likes", false)]
    [InlineData("12 likes and more", false)]
    [InlineData("", false)]
    public void Counter_lines(string line, bool counter) => Assert.Equal(counter, LineModifiers.IsCounter(line));

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void The_modifiers_may_remove_at_most_five_percent_of_the_words(int shouted, bool keep)
    {
        // 100 words and one uppercase line of `shouted` words: 5 / 105 = 4.8%, 6 / 106 = 5.7%.
        var text = new TestText();
        var prose = text.Lines(100);
        var loud = string.Join(' ', Enumerable.Range(0, shouted).Select(_ => text.Word().ToUpperInvariant()));
        var result = Default(string.Join('\n', [.. prose[..5], loud, .. prose[5..]]));
        if (keep)
        {
            Kept(result);
            Assert.Equal(string.Join('\n', prose), result.Text);
        }
        else
        {
            Rejected(HeuristicRule.LineModifierCap, result);
        }
    }

    [Fact]
    public void The_cap_counts_words_not_lines()
    {
        // Seven one-word lines removed from 140 words: 7 / 147 = 4.8%.
        var text = new TestText();
        var prose = text.Lines(140);
        var lonely = Enumerable.Range(0, 7).Select(_ => text.Word()).ToList();
        var interleaved = prose.Zip(lonely.Concat(Enumerable.Repeat("", 7)), (p, l) => l.Length > 0 ? p + "\n" + l : p);
        Kept(Default(string.Join('\n', interleaved)));

        lonely.Add(text.Word());
        interleaved = prose.Zip(lonely.Concat(Enumerable.Repeat("", 6)), (p, l) => l.Length > 0 ? p + "\n" + l : p);
        Rejected(HeuristicRule.LineModifierCap, Default(string.Join('\n', interleaved)));
    }

    [Fact]
    public void Each_modifier_can_be_switched_off()
    {
        var prose = new TestText().Lines(300);
        string[] odd = ["SHOUTING IN CAPITALS HERE", "2024", "3K likes", "Menu", "3 items in cart", "More Read more...", "Sign-in now"];
        var text = string.Join('\n', [.. odd, .. prose]);
        var settings = new HeuristicSettings
        {
            DropUppercaseLines = false,
            DropDigitLines = false,
            DropCounterLines = false,
            MinLineWords = 0,
            StripSubstrings = [],
            StripSuffixes = [],
            StripPrefixes = [],
        };

        Assert.Same(text, With(settings, text).Text);
    }

    [Fact]
    public void Nothing_left_is_a_rejection()
    {
        var settings = Skipping(HeuristicRule.PageLength, HeuristicRule.StopWords, HeuristicRule.Language, HeuristicRule.MeanWordLength);
        Rejected(HeuristicRule.LineModifierCap, With(settings, "ALL CAPS\nMORE CAPS"));
        Rejected(HeuristicRule.Empty, With(settings with { SkipRules = [.. settings.SkipRules, HeuristicRule.LineModifierCap] }, "ALL CAPS\nMORE CAPS"));
    }
}

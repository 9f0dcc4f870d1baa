using EntiGraph.Stages.Curate.Heuristics;
using static EntiGraph.Stages.Tests.Curate.Heuristics.Run;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

public sealed class CleanupTests
{
    private static readonly UrlStripper Stripper = new(UrlStripper.DefaultTlds);

    [Theory]
    [InlineData("Visit https://example.com/a?b=1&c=(2) today.", "Visit today.")]
    [InlineData("Docs at http://localhost:8080/api, then stop", "Docs at, then stop")]
    [InlineData("See www.example.co.uk/path/page.html for more", "See for more")]
    [InlineData("Mail me at jane.doe@example.org.", "Mail me at.")]
    [InlineData("Go to example.com.", "Go to.")]
    [InlineData("(see https://example.org/wiki/Thing_(x))", "(see)")]
    [InlineData("The server 192.168.0.1 is down, ip:10.0.0.7 too", "The server is down, ip: too")]
    [InlineData("Line one\nhttps://example.com\nLine three", "Line one\n\nLine three")]
    public void Urls_are_removed_with_the_spaces_before_them(string text, string expected) => Assert.Equal(expected, Stripper.Strip(text));

    [Theory]
    [InlineData("Pi is 3.14159 and e.g. this is fine.")]
    [InlineData("The end.It was not a domain, nor was U.S.A. or Node.js.")]
    [InlineData("Version 1.2.3 shipped; 1.2.3.4567 is not an address.")]
    [InlineData("Run setup.py, then read README.md and main.rs")]
    [InlineData("ratio 3:2, time 10:30, #hashtag ~tilde")]
    public void Text_without_urls_is_left_alone(string text) => Assert.Same(text, Stripper.Strip(text));

    [Fact]
    public void The_tld_list_comes_from_the_settings()
    {
        var withPy = new UrlStripper(["com", "py"]);
        Assert.Equal("Run then", withPy.Strip("Run setup.py then"));
        Assert.Equal("Visit example.org now", withPy.Strip("Visit example.org now"));
    }

    [Theory]
    [InlineData("a\n\n\nb\n\n\n\n\nc\nd", 2, "a\n\nb\n\nc\nd")]
    [InlineData("a\n\nb", 2, "a\n\nb")]
    [InlineData("a\n\n\nb", 1, "a\nb")]
    [InlineData("a\n\n\n\nb", 0, "a\n\n\n\nb")]
    public void Runs_of_newlines_are_collapsed(string text, int max, string expected) => Assert.Equal(expected, NewlineCollapser.Collapse(text, max));

    [Fact]
    public void The_pipeline_cleans_before_it_measures()
    {
        var lines = new TestText().Lines(90);
        lines[1] += " https://example.com/some/long/path";
        var text = string.Join('\n', lines[..4]) + "\n\n\n\n" + string.Join('\n', lines[4..]);

        var result = Default(text);

        Kept(result);
        Assert.Equal(string.Join('\n', new TestText().Lines(90)[..4]) + "\n\n" + string.Join('\n', lines[4..]), result.Text);
    }

    [Fact]
    public void Cleanup_can_be_switched_off()
    {
        var text = new TestText().Prose(90) + "\n\n\n\nhttps://example.com/x y";
        var result = With(new HeuristicSettings { StripUrls = false, MaxConsecutiveNewlines = 0 }, text);
        Kept(result);
        Assert.Same(text, result.Text);
    }

    [Fact]
    public void A_page_that_was_only_urls_is_empty()
    {
        Rejected(HeuristicRule.Empty, Default("https://example.com/a\n\nhttps://example.org/b"));
        Rejected(HeuristicRule.Empty, Default(" \n\t "));
    }
}

using EntiGraph.Stages.Curate.Heuristics;
using static EntiGraph.Stages.Tests.Curate.Heuristics.Run;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

public sealed class UrlFilterTests
{
    private static readonly string Document = new TestText().Prose(90);

    [Theory]
    [InlineData("https://www.example.com/page", false)]
    [InlineData("http://EXAMPLE.com:8080/a?b=c", false)]
    [InlineData("example.com/no-scheme", false)]
    [InlineData("https://user@example.com", false)]
    [InlineData("https://sub.example.com/", true)]
    [InlineData("https://example.com.evil.org/", true)]
    [InlineData("https://notexample.com/", true)]
    public void Banned_domains_match_exactly_ignoring_www(string url, bool keep)
    {
        var settings = new HeuristicSettings { BannedDomains = ["www.Example.com"] };
        Expect(keep, HeuristicRule.UrlBannedDomain, With(settings, Document, url));
    }

    [Theory]
    [InlineData("https://bad-word.example.org/x", false)]
    [InlineData("https://b.a.d.w.o.r.d.net/", false)]
    [InlineData("https://example.org/BADWORDS", false)]
    [InlineData("https://example.org/bad/word", true)]
    [InlineData("https://example.org/good", true)]
    public void Strict_substrings_match_after_removing_dashes_and_dots(string url, bool keep)
    {
        var settings = new HeuristicSettings { BannedUrlSubstrings = ["bad-word"] };
        Expect(keep, HeuristicRule.UrlBannedSubstring, With(settings, Document, url));
    }

    [Theory]
    [InlineData("https://example.org/casino-night", false)]
    [InlineData("https://casino.example.org/", false)]
    [InlineData("https://example.org/?q=Casino", false)]
    [InlineData("https://example.org/casinos", true)]
    [InlineData("https://example.org/best_casino", true)]
    [InlineData("https://example.org/slot-machine/", false)]
    [InlineData("https://example.org/slot-machines/", true)]
    public void Hard_words_match_whole_words(string url, bool keep)
    {
        var settings = new HeuristicSettings { HardUrlWords = ["casino", "slot-machine"] };
        Expect(keep, HeuristicRule.UrlHardWord, With(settings, Document, url));
    }

    [Theory]
    [InlineData("https://example.org/cheap", true)]
    [InlineData("https://example.org/cheap/cheap-deals", true)]
    [InlineData("https://example.org/cheap-pills", false)]
    [InlineData("https://pills.example.org/cheap", false)]
    [InlineData("https://example.org/cheapest-pillsbury", true)]
    public void Soft_words_need_two_distinct(string url, bool keep)
    {
        var settings = new HeuristicSettings { SoftUrlWords = ["cheap", "pills", "casino"] };
        Expect(keep, HeuristicRule.UrlSoftWords, With(settings, Document, url));
    }

    [Fact]
    public void Soft_word_count_comes_from_the_settings()
    {
        var settings = new HeuristicSettings { SoftUrlWords = ["cheap", "pills", "casino"], MinSoftUrlWords = 3 };
        Kept(With(settings, Document, "https://example.org/cheap-pills"));
        Rejected(HeuristicRule.UrlSoftWords, With(settings, Document, "https://example.org/cheap-pills-casino"));
    }

    [Fact]
    public void No_url_no_url_filters()
    {
        var settings = new HeuristicSettings { BannedDomains = ["example.com"], HardUrlWords = ["casino"] };
        Kept(With(settings, Document, null));
        Kept(With(settings, Document, ""));
    }

    [Fact]
    public void The_four_lists_are_checked_in_order()
    {
        var settings = new HeuristicSettings
        {
            BannedDomains = ["casino.example"],
            BannedUrlSubstrings = ["casinoroyale"],
            HardUrlWords = ["casino"],
            SoftUrlWords = ["casino", "cheap"],
        };
        Rejected(HeuristicRule.UrlBannedDomain, With(settings, Document, "https://casino.example/cheap/casino-royale"));
        Rejected(HeuristicRule.UrlBannedSubstring, With(settings, Document, "https://example.org/cheap/casino-royale"));
        Rejected(HeuristicRule.UrlHardWord, With(settings, Document, "https://example.org/cheap-casino"));
        Rejected(HeuristicRule.UrlSoftWords, With(settings with { HardUrlWords = [] }, Document, "https://example.org/cheap-casino"));
    }

    [Theory]
    [InlineData("https://www.Example.com:443/a/b?c#d", "www.Example.com")]
    [InlineData("example.com/path", "example.com")]
    [InlineData("//cdn.example.com/x", "cdn.example.com")]
    [InlineData("ftp://user:pw@files.example.com/", "files.example.com")]
    [InlineData("http://[::1]:8080/", "[::1]")]
    public void Host_is_found_with_or_without_a_scheme(string url, string host) => Assert.Equal(host, UrlFilter.Host(url));

    private static void Expect(bool keep, string rule, HeuristicResult result)
    {
        if (keep)
        {
            Kept(result);
        }
        else
        {
            Rejected(rule, result);
        }
    }
}

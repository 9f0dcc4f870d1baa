using System.Text;
using EntiGraph.Stages.Curate.Heuristics;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

public sealed class RobustnessTests
{
    [Fact]
    public void Odd_text_never_throws_and_always_decides_the_same()
    {
        var random = new Random(7);
        string[] pieces =
        [
            " ", "\n", "\n\n\n", "\r\n", "\t", "the", "of", "and", "word", "WORD", "3K likes", "...", "\u2026", "#", "- ", "\u2022",
            "https://example.com/x", "a.b", "192.168.1.1", "items in cart", "Read more...", "Sign-in", "\ud83d\ude00", "\ud800",
            "\udc00", "東京", "naïve", "e\u0301", "_", "1,000", "'", "\u00a0", "\u200b", "", "x@y.org",
        ];
        var pipeline = new HeuristicPipeline(new HeuristicSettings { BannedDomains = ["example.com"], SoftUrlWords = ["a", "b"] });
        for (var round = 0; round < 600; round++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, 400);
            for (var i = 0; i < count; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]).Append(random.Next(3) == 0 ? "" : " ");
            }

            var url = random.Next(4) switch { 0 => null, 1 => "", 2 => "https://a-b.example.com/a/b", _ => "not a url at all" };
            var first = pipeline.Apply(text.ToString(), url);
            var second = pipeline.Apply(text.ToString(), url);
            Assert.Equal(first, second);
            Assert.True(first.Keep ? first.Rule is null : HeuristicPipeline.RuleNames.Contains(first.Rule));
        }
    }

    [Fact]
    public void One_pipeline_serves_many_threads()
    {
        var pages = GeneratedPagesTests.Pages(1024 * 1024);
        var pipeline = new HeuristicPipeline(new HeuristicSettings());
        var sequential = pages.Select(p => pipeline.Apply(p, null)).ToArray();
        var parallel = new HeuristicResult[pages.Count];
        Parallel.For(0, pages.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = pipeline.Apply(pages[i], null));
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void A_huge_page_after_small_ones_and_small_ones_after_it()
    {
        var pipeline = new HeuristicPipeline(new HeuristicSettings());
        var small = new TestText().Prose(90);
        var huge = new TestText().Prose(99_000);
        Assert.True(pipeline.Apply(small, null).Keep);
        Assert.True(pipeline.Apply(huge, null).Keep);
        Assert.True(pipeline.Apply(small, null).Keep);
        Assert.Equal(HeuristicRule.DuplicateLines, pipeline.Apply(small + "\n" + small, null).Rule);
    }
}

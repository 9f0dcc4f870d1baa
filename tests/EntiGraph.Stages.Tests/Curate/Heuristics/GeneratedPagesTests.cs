using System.Text;
using EntiGraph.Stages.Curate.Heuristics;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

/// <summary>A generated crawl through the whole pipeline (speed is the benchmark program's business).</summary>
public sealed class GeneratedPagesTests
{
    [Fact]
    public void Clean_pages_pass_and_repetitive_or_short_ones_are_rejected()
    {
        var pages = Pages(1024 * 1024);
        var pipeline = new HeuristicPipeline(new HeuristicSettings { BannedDomains = ["spam.example"], HardUrlWords = ["casino"] });
        pipeline.Apply(pages[0], "https://example.org/warm-up");

        var kept = 0;
        var rules = new Dictionary<string, int>();
        for (var i = 0; i < pages.Count; i++)
        {
            var result = pipeline.Apply(pages[i], $"https://site{i % 50}.example.org/page/{i}");
            if (result.Keep)
            {
                kept++;
            }
            else
            {
                rules[result.Rule!] = rules.GetValueOrDefault(result.Rule!) + 1;
            }
        }

        // Most generated pages are clean; every tenth repeats itself and every fifteenth is short.
        Assert.InRange(kept, pages.Count * 8 / 10, pages.Count);
        Assert.True(rules.ContainsKey(HeuristicRule.DuplicateLines));
        Assert.True(rules.ContainsKey(HeuristicRule.PageLength));
    }

    /// <summary>Pages of 300 to 1,500 words of English-looking text from a fixed seed, with some repeated and some short.</summary>
    internal static List<string> Pages(long totalBytes)
    {
        var random = new Random(20240611);
        string[] function = ["the", "of", "and", "to", "in", "is", "that", "for", "it", "with", "as", "was", "on", "be", "by", "this", "are", "from"];
        var vocabulary = Enumerable.Range(0, 20_000).Select(_ => MakeWord(random)).ToArray();
        var pages = new List<string>();
        long size = 0;
        var page = new StringBuilder();
        while (size < totalBytes)
        {
            page.Clear();
            var index = pages.Count;
            var words = index % 15 == 14 ? 30 : random.Next(300, 1500);
            var lineLength = random.Next(8, 25);
            for (var w = 0; w < words; w++)
            {
                page.Append(random.NextDouble() < 0.4 ? function[random.Next(function.Length)] : vocabulary[(int)Math.Min(vocabulary.Length - 1, Math.Abs(random.NextDouble() * random.NextDouble()) * vocabulary.Length)]);
                page.Append((w + 1) % lineLength == 0 ? (random.Next(4) == 0 ? ".\n\n" : ".\n") : random.Next(12) == 0 ? ", " : " ");
            }

            if (index % 7 == 3)
            {
                page.Append("\nShare this page\n12 comments\nRead the full story at https://example.com/story Read more...");
            }

            var text = page.ToString();
            if (index % 10 == 9)
            {
                text = text + "\n" + text;
            }

            pages.Add(text);
            size += text.Length;
        }

        return pages;
    }

    private static string MakeWord(Random random)
    {
        const string letters = "etaoinshrdlcumwfgypbvkjxqz";
        var length = random.Next(2, 11);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = letters[(int)(random.NextDouble() * random.NextDouble() * letters.Length)];
        }

        return new string(chars);
    }
}

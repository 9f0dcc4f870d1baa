using System.Diagnostics;
using System.Text;
using EntiGraph.Stages.Curate.Dedup;
using EntiGraph.Stages.Curate.Heuristics;

namespace EntiGraph.Benchmarks;

/// <summary>
/// MB/s on one core for the curate stage's streaming steps (the DCLM heuristics, the Bloom-filter
/// paragraph dedup, MinHash-LSH) over a generated web-like corpus: pages of sentences drawn from a
/// vocabulary, with menus, counters and repeated paragraphs planted as real crawls have them.
/// Pages are generated ahead of each timed pass, in batches, so memory stays bounded.
/// </summary>
internal static class CurateThroughputBenchmark
{
    private const int BatchBytes = 16 << 20;

    public static void Run(int megabytes)
    {
        Console.WriteLine($"curate steps over {megabytes} MB of generated web-like pages, one thread:");
        var heuristics = new HeuristicPipeline(HeuristicSettings.From(DefaultsOf(HeuristicSettings.Schema())));
        var bloom = new BloomParagraphDedup(BloomDedupSettings.From(DefaultsOf(BloomDedupSettings.Schema())) with { ExpectedNGrams = megabytes * 200_000L });
        var minhash = new MinHashDedup(MinHashSettings.From(DefaultsOf(MinHashSettings.Schema())) with { Enabled = true });
        var kept = (heuristics: 0L, bloom: 0L, minhash: 0L);
        var time = (heuristics: TimeSpan.Zero, bloom: TimeSpan.Zero, minhash: TimeSpan.Zero);
        var random = new Random(42);
        long bytes = 0, pages = 0;
        while (bytes < megabytes * 1_000_000L)
        {
            var batch = Batch(random, ref pages);
            bytes += batch.Sum(p => (long)Encoding.UTF8.GetByteCount(p));
            var clock = Stopwatch.StartNew();
            foreach (var page in batch)
            {
                kept.heuristics += heuristics.Apply(page, "https://www.example.org/page").Keep ? 1 : 0;
            }

            time.heuristics += clock.Elapsed;
            clock.Restart();
            foreach (var page in batch)
            {
                kept.bloom += bloom.Process(page).Text is null ? 0 : 1;
            }

            time.bloom += clock.Elapsed;
            clock.Restart();
            var id = 0;
            foreach (var page in batch)
            {
                kept.minhash += minhash.IsDuplicate($"{pages}-{id++}", page) ? 0 : 1;
            }

            time.minhash += clock.Elapsed;
        }

        var mb = bytes / 1e6;
        Console.WriteLine($"  {pages:N0} pages, {mb:N0} MB");
        Console.WriteLine($"  heuristics      {mb / time.heuristics.TotalSeconds,8:0.0} MB/s   kept {kept.heuristics:N0}");
        Console.WriteLine($"  bloom dedup     {mb / time.bloom.TotalSeconds,8:0.0} MB/s   kept {kept.bloom:N0}");
        Console.WriteLine($"  minhash         {mb / time.minhash.TotalSeconds,8:0.0} MB/s   kept {kept.minhash:N0}");
        Console.WriteLine($"  managed heap at the end: {GC.GetTotalMemory(forceFullCollection: true) / 1e6:N0} MB");
    }

    private static List<string> Batch(Random random, ref long pages)
    {
        var batch = new List<string>();
        var size = 0;
        var recent = new List<string>();
        while (size < BatchBytes)
        {
            var page = Page(random, recent);
            batch.Add(page);
            size += page.Length;
            pages++;
        }

        return batch;
    }

    private static string Page(Random random, List<string> recent)
    {
        var page = new StringBuilder();
        if (random.Next(4) == 0)
        {
            page.Append("HOME ABOUT SHOP CONTACT\nSign-in to continue\n");
        }

        var paragraphs = random.Next(3, 12);
        for (var p = 0; p < paragraphs; p++)
        {
            // Crawls repeat paragraphs across pages (templates, quotes): plant some.
            if (recent.Count > 0 && random.Next(10) == 0)
            {
                page.Append(recent[random.Next(recent.Count)]).Append("\n\n");
                continue;
            }

            var paragraph = new StringBuilder();
            var sentences = random.Next(2, 7);
            for (var s = 0; s < sentences; s++)
            {
                var words = random.Next(6, 22);
                for (var w = 0; w < words; w++)
                {
                    var word = Vocabulary[(int)Math.Min(Vocabulary.Length - 1, Math.Floor(-Math.Log(1 - random.NextDouble()) * 40))];
                    paragraph.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(w == words - 1 ? ". " : " ");
                }
            }

            var text = paragraph.ToString().TrimEnd();
            if (recent.Count < 200)
            {
                recent.Add(text);
            }
            else
            {
                recent[random.Next(recent.Count)] = text;
            }

            page.Append(text).Append("\n\n");
        }

        if (random.Next(3) == 0)
        {
            page.Append("3K likes\nRead more...\n");
        }

        return page.ToString();
    }

    private static System.Text.Json.Nodes.JsonObject DefaultsOf(EntiGraph.Engine.Spec.ConfigSchema schema) =>
        new EntiGraph.Engine.Spec.ConfigValidator(Environment.CurrentDirectory).ResolveSection(null, schema, "benchmark", default);

    private static readonly string[] Vocabulary =
    [
        "the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "it", "with", "as", "on", "be", "at", "by", "this", "have", "from",
        "or", "had", "not", "are", "but", "which", "they", "you", "were", "their", "one", "all", "we", "can", "her", "has", "there", "been", "if", "more",
        "when", "will", "would", "who", "so", "no", "people", "time", "year", "water", "city", "river", "market", "garden", "station", "winter", "road", "house",
        "council", "school", "report", "village", "harbour", "bridge", "morning", "evening", "price", "bread", "recipe", "bicycle", "library", "weather",
        "museum", "festival", "season", "history", "family", "travel", "engine", "letter", "window", "kitchen", "forest", "island", "mountain", "painting",
        "question", "answer", "number", "minute", "machine", "student", "teacher", "doctor", "pattern", "journey", "surface", "quietly", "carefully",
        "remarkable", "ordinary", "northern", "southern", "ancient", "modern", "simple", "difficult", "important", "different", "several", "between",
    ];
}

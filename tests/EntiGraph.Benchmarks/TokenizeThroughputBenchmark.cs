using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using EntiGraph.Stages.Tokenize;
using EntiGraph.TestKit;

namespace EntiGraph.Benchmarks;

/// <summary>
/// What the tokenize stage adds to the tokenizer's own cost. Over the same documents, on one thread:
/// (a) the library alone, Tokenizer.EncodeToIds per document; (b) the stage's path,
/// DocumentTokenizer.Encode into a BlockPacker, then the blocks split into train and validation shards
/// on disk. The corpus is tiny-base's replay text repeated to the size asked; the throughputs are the
/// best of several passes after a warm-up, (a) and (b) taking turns, and the ratio is the median over
/// back-to-back pairs.
/// </summary>
internal static class TokenizeThroughputBenchmark
{
    private const int Repeats = 9;
    private const int BlockSize = 256;

    public static void Run(int megabytes)
    {
        using var workspace = new TempWorkspace();
        var corpus = Corpus(megabytes * 1_000_000L);
        var bytes = corpus.Sum(d => (long)Encoding.UTF8.GetByteCount(d));
        Console.WriteLine($"tokenize throughput: {corpus.Count:N0} documents, {bytes / 1e6:0.0} MB (tiny-base's replay corpus repeated), one thread, best of {Repeats}");

        var source = ReplayTexts();
        var trained = DocumentTokenizer.Train(source, 2048, Path.Combine(workspace.Root, "trained"));
        Measure("byte-level BPE, 2048 (trained)", trained, corpus, bytes, workspace.Root);
        var cl100k = DocumentTokenizer.Tiktoken("cl100k_base", Path.Combine(workspace.Root, "cl100k"));
        Measure("tiktoken cl100k_base", cl100k, corpus, bytes, workspace.Root);
    }

    private static void Measure(string name, DocumentTokenizer tokenizer, List<string> corpus, long bytes, string scratch)
    {
        var folder = Path.Combine(scratch, "stage");

        // Warm-up: JIT, the tokenizer's word caches, the page cache for the shard files.
        var tokens = Library(tokenizer, corpus);
        Stage(tokenizer, corpus, folder);
        Directory.Delete(folder, recursive: true);

        var library = TimeSpan.MaxValue;
        var stage = TimeSpan.MaxValue;
        long stageTokens = 0;
        var ratios = new List<double>();
        for (var i = 0; i < Repeats; i++)
        {
            // Each goes first on alternate passes, so neither gains from running second (or loses).
            var pair = (library: TimeSpan.Zero, stage: TimeSpan.Zero);
            for (var turn = 0; turn < 2; turn++)
            {
                var clock = Stopwatch.StartNew();
                if ((turn + i) % 2 == 0)
                {
                    tokens = Library(tokenizer, corpus);
                    pair.library = clock.Elapsed;
                }
                else
                {
                    stageTokens = Stage(tokenizer, corpus, folder);
                    pair.stage = clock.Elapsed;
                    // Removing the shards is the benchmark's housekeeping, not the stage's work: off the clock.
                    Directory.Delete(folder, recursive: true);
                }
            }

            library = Min(library, pair.library);
            stage = Min(stage, pair.stage);
            ratios.Add(pair.library / pair.stage);
        }

        // The ratio is the median over back-to-back pairs: on a shared machine the load moves between
        // passes more than the stage's cost does, and a pair sees about the same load.
        Console.WriteLine($"  {name}");
        Console.WriteLine($"    (a) library EncodeToIds       {bytes / 1e6 / library.TotalSeconds,8:0.00} MB/s  {tokens / library.TotalSeconds / 1e6,7:0.00} M tokens/s  ({tokens:N0} tokens)");
        Console.WriteLine($"    (b) Encode + BlockPacker      {bytes / 1e6 / stage.TotalSeconds,8:0.00} MB/s  {stageTokens / stage.TotalSeconds / 1e6,7:0.00} M tokens/s  ({stageTokens:N0} tokens, BOS/EOS included)");
        Console.WriteLine($"    (b) / (a), best passes        {library.TotalSeconds / stage.TotalSeconds,8:0.000}");
        Console.WriteLine($"    (b) / (a), median of pairs    {ratios.Order().ElementAt(Repeats / 2),8:0.000}   (range {ratios.Min():0.000} to {ratios.Max():0.000})");
    }

    private static long Library(DocumentTokenizer tokenizer, List<string> corpus)
    {
        long tokens = 0;
        foreach (var document in corpus)
        {
            tokens += tokenizer.Tokenizer.EncodeToIds(document).Count;
        }

        return tokens;
    }

    // The stage's own loop and files: encode into the packer, then write train.bin and val.bin.
    private static long Stage(DocumentTokenizer tokenizer, List<string> corpus, string folder)
    {
        Directory.CreateDirectory(folder);
        var dtype = TokenShard.DtypeFor(tokenizer.VocabularySize);
        using var packer = new BlockPacker(Path.Combine(folder, "stream.bin"), BlockSize);
        foreach (var document in corpus)
        {
            tokenizer.Encode(document, packer);
        }

        using (var train = new TokenShard.Writer(Path.Combine(folder, "train.bin"), dtype, BlockSize))
        using (var validation = new TokenShard.Writer(Path.Combine(folder, "val.bin"), dtype, BlockSize))
        {
            packer.Split(train, validation, 0.05, 43);
        }

        return packer.Tokens;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static List<string> Corpus(long targetBytes)
    {
        var texts = ReplayTexts();
        var corpus = new List<string>();
        long size = 0;
        while (size < targetBytes)
        {
            foreach (var text in texts)
            {
                corpus.Add(text);
                size += Encoding.UTF8.GetByteCount(text);
            }
        }

        return corpus;
    }

    private static List<string> ReplayTexts() =>
        Directory.GetFiles(Path.Combine(Repository.Root(), "experiments", "tiny-base", "data"), "*.jsonl")
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(line => line.Trim().Length > 0)
            .Select(line => (string)JsonNode.Parse(line)!["text"]!)
            .ToList();
}

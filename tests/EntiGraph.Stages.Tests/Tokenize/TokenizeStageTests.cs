using EntiGraph.Stages.Tokenize;

namespace EntiGraph.Stages.Tests.Tokenize;

public sealed class TokenizeStageTests : IDisposable
{
    private const string Small = """
          vocab_size: 400
          block_size: 32
          validation_fraction: 0.2
        """;

    private readonly TokenizeHarness _harness = new();

    [Fact]
    public async Task Packs_documents_into_blocks_split_train_and_validation()
    {
        var manifest = await _harness.RunAsync(Small);

        var train = TokenShard.Read(_harness.File(manifest, TokenizeStage.TrainFile));
        var validation = TokenShard.Read(_harness.File(manifest, TokenizeStage.ValidationFile));
        var metrics = manifest.Metrics;
        var trainBlocks = (long)metrics["train_blocks"]!;
        var validationBlocks = (long)metrics["val_blocks"]!;
        Assert.Equal(TokenizeCorpus.Documents.Count, (int)metrics["documents"]!);
        Assert.Equal(400, (int)metrics["vocab_size"]!);
        Assert.Equal((long)metrics["tokens"]!, ((trainBlocks + validationBlocks) * 32) + (long)metrics["dropped_tail_tokens"]!);
        Assert.InRange((long)metrics["dropped_tail_tokens"]!, 0, 31);
        Assert.Equal(Math.Round((trainBlocks + validationBlocks) * 0.2), validationBlocks);
        Assert.Equal(trainBlocks * 32, train.Tokens.Length);
        Assert.Equal(validationBlocks * 32, validation.Tokens.Length);
        Assert.Equal(32, train.BlockSize);
        Assert.Equal(TokenShard.Dtype.UInt16, train.Type);
        Assert.All(train.Tokens.Concat(validation.Tokens), t => Assert.InRange(t, 0, 399));
        Assert.False(metrics.ContainsKey("tokens_per_second"));

        var index = _harness.Index(manifest);
        Assert.Equal("train", (string)index["tokenizer"]!);
        Assert.Equal(400, (int)index["vocab_size"]!);
        Assert.Equal("uint16", (string)index["dtype"]!);
        Assert.Equal(trainBlocks, (long)index["shards"]![0]!["blocks"]!);
        Assert.Equal(validationBlocks * 32, (long)index["shards"]![1]!["tokens"]!);
        Assert.True(File.Exists(_harness.File(manifest, "tokenizer/vocab.json")));
        Assert.True(File.Exists(_harness.File(manifest, "tokenizer/merges.txt")));
        Assert.True(File.Exists(_harness.File(manifest, "tokenizer/tokenizer.json")));
        Assert.False(Directory.Exists(_harness.File(manifest, ".work")));
    }

    [Fact]
    public async Task Every_document_is_wrapped_in_bos_and_eos_and_decodes_back()
    {
        // Blocks of two drop at most one token and validation is off, so train.bin is the whole stream but the last EOS.
        var manifest = await _harness.RunAsync("""
              vocab_size: 400
              block_size: 2
              validation_fraction: 0
            """);
        var tokens = TokenShard.Read(_harness.File(manifest, TokenizeStage.TrainFile)).Tokens;
        Assert.Equal(0, (long)manifest.Metrics["val_blocks"]!);
        Assert.Equal(TokenizeCorpus.Documents.Count, tokens.Count(t => t == 0));
        Assert.Equal(TokenizeCorpus.Documents.Count, tokens.Count(t => t == 1));

        var tokenizer = ByteLevelBpeModel.Load(_harness.File(manifest, TokenizeStage.TokenizerDirectory));
        var decoded = new List<string>();
        for (var start = Array.IndexOf(tokens, 0); start >= 0 && start < tokens.Length; start = Array.IndexOf(tokens, 0, start + 1))
        {
            var end = Array.IndexOf(tokens, 1, start);
            if (end < 0)
            {
                break; // the last document's EOS fell in the dropped tail
            }

            decoded.Add(tokenizer.Decode(tokens[(start + 1)..end]));
        }

        Assert.True(decoded.Count >= TokenizeCorpus.Documents.Count - 1);
        Assert.Equal(TokenizeCorpus.Documents.Take(decoded.Count).Order(StringComparer.Ordinal), decoded.Order(StringComparer.Ordinal).Take(decoded.Count));
    }

    [Fact]
    public async Task Same_mixture_and_seed_give_bit_identical_shards()
    {
        var first = await _harness.RunAsync(Small);
        using var other = new TokenizeHarness();
        var second = await other.RunAsync(Small);
        foreach (var file in new[] { TokenizeStage.TrainFile, TokenizeStage.ValidationFile, TokenizeStage.IndexFile, "tokenizer/vocab.json", "tokenizer/merges.txt", "tokenizer/tokenizer.json" })
        {
            Assert.Equal(File.ReadAllBytes(_harness.File(first, file)), File.ReadAllBytes(other.File(second, file)));
        }

        using var reseeded = new TokenizeHarness();
        var third = await reseeded.RunAsync(Small, seed: 7);
        Assert.NotEqual(File.ReadAllBytes(_harness.File(first, TokenizeStage.TrainFile)), File.ReadAllBytes(reseeded.File(third, TokenizeStage.TrainFile)));
    }

    [Fact]
    public async Task Training_documents_limits_the_bpe_corpus()
    {
        var all = await _harness.RunAsync(Small);
        var few = await _harness.RunAsync(Small + "\n  training_documents: 2");
        Assert.Equal(2, (int)few.Metrics["tokenizer_training_documents"]!);
        Assert.Equal(TokenizeCorpus.Documents.Count, (int)all.Metrics["tokenizer_training_documents"]!);
        Assert.NotEqual(File.ReadAllBytes(_harness.File(all, "tokenizer/merges.txt")), File.ReadAllBytes(_harness.File(few, "tokenizer/merges.txt")));
    }

    [Fact]
    public async Task Tiktoken_encoding_writes_uint32_shards()
    {
        var manifest = await _harness.RunAsync("""
              tokenizer: cl100k_base
              block_size: 16
            """);
        var index = _harness.Index(manifest);
        Assert.Equal("cl100k_base", (string)index["tokenizer"]!);
        Assert.Equal(100277, (int)index["vocab_size"]!);
        Assert.Equal("uint32", (string)index["dtype"]!);
        var train = TokenShard.Read(_harness.File(manifest, TokenizeStage.TrainFile));
        Assert.Equal(TokenShard.Dtype.UInt32, train.Type);
        Assert.Contains(100257, train.Tokens);
        Assert.True(File.Exists(_harness.File(manifest, "tokenizer/encoding.json")));
    }

    public void Dispose() => _harness.Dispose();
}

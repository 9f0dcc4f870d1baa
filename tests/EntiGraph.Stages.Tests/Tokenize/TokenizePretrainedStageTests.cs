using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Tokenize;

namespace EntiGraph.Stages.Tests.Tokenize;

public sealed class TokenizePretrainedStageTests : IDisposable
{
    private const string Trained = """
          vocab_size: 400
          block_size: 32
          validation_fraction: 0.2
        """;

    private readonly TokenizeHarness _harness = new();

    [Fact]
    public async Task Tokenizer_path_loads_a_local_folder_and_publishes_its_files()
    {
        var ranks = TokenizerFolders.TiktokenRanks;
        TokenizerFolders.WriteTiktoken(Path.Combine(_harness.Workspace.ExperimentDirectory("x"), "llama"));
        var manifest = await _harness.RunAsync("""
              tokenizer: pretrained
              tokenizer_path: llama
              block_size: 2
              validation_fraction: 0
            """);

        var index = _harness.Index(manifest);
        Assert.Equal("pretrained", (string)index["tokenizer"]!);
        Assert.Equal("tiktoken", (string)index["tokenizer_format"]!);
        Assert.Equal(ranks + 256, (int)index["vocab_size"]!);
        Assert.Equal((ranks, ranks + 1, ranks + 1), ((int)index["bos_id"]!, (int)index["eos_id"]!, (int)index["pad_id"]!));
        Assert.Equal(0, (int)manifest.Metrics["tokenizer_training_documents"]!);

        var published = _harness.File(manifest, TokenizeStage.TokenizerDirectory);
        Assert.Equal(TokenizerFolders.TiktokenModel(), File.ReadAllText(Path.Combine(published, PretrainedTokenizer.TiktokenFile)));
        Assert.True(File.Exists(Path.Combine(published, SpecialTokenIds.ConfigFile)));

        // Every document is BOS, its text, EOS, in the pretrained ids (the last EOS may fall in the dropped tail).
        var tokens = TokenShard.Read(_harness.File(manifest, TokenizeStage.TrainFile)).Tokens;
        Assert.Equal(TokenizeCorpus.Documents.Count, tokens.Count(t => t == ranks));
        Assert.InRange(tokens.Count(t => t == ranks + 1), TokenizeCorpus.Documents.Count - 1, TokenizeCorpus.Documents.Count);
        var tokenizer = PretrainedTokenizer.Load(published).Tokenizer;
        var first = tokenizer.Decode(tokens[1..Array.IndexOf(tokens, ranks + 1)]);
        Assert.Contains(first, TokenizeCorpus.Documents);
    }

    [Fact]
    public async Task Tokenizer_from_encodes_with_another_experiments_trained_tokenizer()
    {
        _harness.WriteDocuments("base", TokenizeCorpus.Documents);
        var original = await _harness.RunAsync(Trained, experiment: "base");
        var continued = await _harness.RunAsync("""
              tokenizer: pretrained
              tokenizer_from: {experiment: ../base, stage: tokenize}
              block_size: 32
              validation_fraction: 0.2
            """);

        // Same mixture, seed and blocks: loading the base's tokenizer must reproduce its shards byte for byte.
        foreach (var file in new[] { TokenizeStage.TrainFile, TokenizeStage.ValidationFile })
        {
            Assert.Equal(File.ReadAllBytes(_harness.File(original, file)), File.ReadAllBytes(_harness.File(continued, file)));
        }

        Assert.Equal("tokenizer.json", (string)_harness.Index(continued)["tokenizer_format"]!);
        foreach (var file in new[] { PretrainedTokenizer.TokenizerJsonFile, SpecialTokenIds.ConfigFile })
        {
            Assert.Equal(
                File.ReadAllBytes(_harness.File(original, $"{TokenizeStage.TokenizerDirectory}/{file}")),
                File.ReadAllBytes(_harness.File(continued, $"{TokenizeStage.TokenizerDirectory}/{file}")));
        }
    }

    [Fact]
    public async Task Tokenizer_from_a_train_artifact_reads_its_model_folder()
    {
        _harness.WriteDocuments("base", TokenizeCorpus.Documents);
        var original = await _harness.RunAsync(Trained, experiment: "base");
        var continued = await _harness.RunAsync("""
              tokenizer: pretrained
              tokenizer_from: {experiment: ../base, stage: train}
              block_size: 32
              validation_fraction: 0.2
            """);

        Assert.Equal(File.ReadAllBytes(_harness.File(original, TokenizeStage.TrainFile)), File.ReadAllBytes(_harness.File(continued, TokenizeStage.TrainFile)));
        Assert.Contains(continued.KeyInputs["inputs"]!.AsObject(), input => input.Key == "artifact:base/train");
    }

    [Theory]
    [InlineData("tokenizer: pretrained", "tokenizer: pretrained needs one of: tokenizer_path, tokenizer_from")]
    [InlineData("tokenizer: pretrained\n  tokenizer_path: llama\n  tokenizer_from: {experiment: ../x, stage: tokenize}", "give only one of: tokenizer_path, tokenizer_from")]
    [InlineData("tokenizer_path: llama", "tokenizer_path is read only with tokenizer: pretrained")]
    public async Task Pretrained_needs_exactly_one_source_and_only_pretrained_takes_one(string section, string message)
    {
        TokenizerFolders.WriteTiktoken(Path.Combine(_harness.Workspace.ExperimentDirectory("x"), "llama"));
        var error = await Assert.ThrowsAsync<ExperimentSpecException>(() => _harness.RunAsync("  " + section));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task A_broken_pretrained_folder_fails_the_stage_with_the_file_and_line()
    {
        var folder = TokenizerFolders.WriteTiktoken(Path.Combine(_harness.Workspace.ExperimentDirectory("x"), "llama"));
        File.AppendAllText(Path.Combine(folder, PretrainedTokenizer.TiktokenFile), "not-a-rank-line\n");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _harness.RunAsync("  tokenizer: pretrained\n  tokenizer_path: llama"));
        Assert.Contains($"{PretrainedTokenizer.TiktokenFile}:{TokenizerFolders.TiktokenRanks + 1}:", error.Message);
    }

    public void Dispose() => _harness.Dispose();
}

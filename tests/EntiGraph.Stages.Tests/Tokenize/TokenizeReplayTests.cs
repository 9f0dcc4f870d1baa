using EntiGraph.Stages.Tokenize;

namespace EntiGraph.Stages.Tests.Tokenize;

public sealed class TokenizeReplayTests
{
    private const string Section = """
          vocab_size: 400
          block_size: 8
          validation_fraction: 0.2
        """;

    private static readonly IReadOnlyList<string> Replay =
    [
        .. Enumerable.Range(0, 15).Select(i => $"Replay text {i}: the harbour master logged {i * 7} boats and a storm from the north."),
    ];

    [Fact]
    public async Task Replay_documents_are_packed_into_their_own_shard_with_the_same_tokenizer()
    {
        using var harness = new TokenizeHarness(replay: Replay);
        var manifest = await harness.RunAsync(Section);

        var shard = TokenShard.Read(harness.File(manifest, TokenizeStage.ReplayFile));
        var blocks = (long)manifest.Metrics["replay_blocks"]!;
        Assert.True(blocks > 0);
        Assert.Equal(Replay.Count, (int)manifest.Metrics["replay_documents"]!);
        Assert.Equal(blocks * 8, shard.Tokens.Length);
        Assert.Equal((long)manifest.Metrics["replay_tokens"]!, shard.Tokens.Length + ((long)manifest.Metrics["replay_tokens"]! % 8));
        Assert.Equal(8, shard.BlockSize);

        var index = harness.Index(manifest);
        var entry = Assert.Single(index["shards"]!.AsArray(), s => (string)s!["split"]! == "replay")!;
        Assert.Equal(TokenizeStage.ReplayFile, (string)entry["file"]!);
        Assert.Equal(blocks, (long)entry["blocks"]!);
        Assert.Equal(blocks * 8, (long)entry["tokens"]!);

        // BOS text EOS per replay document, in the tokenizer the main shards use; none of the mixture's text.
        var tokenizer = ByteLevelBpeModel.Load(harness.File(manifest, TokenizeStage.TokenizerDirectory));
        var tokens = shard.Tokens;
        Assert.Equal(Replay.Count, tokens.Count(t => t == 0));
        var decoded = new List<string>();
        for (var start = Array.IndexOf(tokens, 0); start >= 0; start = Array.IndexOf(tokens, 0, start + 1))
        {
            if (Array.IndexOf(tokens, 1, start) is var end and > 0)
            {
                decoded.Add(tokenizer.Decode(tokens[(start + 1)..end]));
            }
        }

        Assert.True(decoded.Count >= Replay.Count - 1);
        Assert.All(decoded, text => Assert.Contains(text, Replay));
        // Shuffled with a seed of its own, not left in file order.
        Assert.NotEqual(Replay.Take(decoded.Count), decoded);
    }

    [Fact]
    public async Task Replay_shard_is_reproducible_and_moves_with_the_seed()
    {
        using var first = new TokenizeHarness(replay: Replay);
        using var second = new TokenizeHarness(replay: Replay);
        var a = await first.RunAsync(Section);
        var b = await second.RunAsync(Section);
        Assert.Equal(File.ReadAllBytes(first.File(a, TokenizeStage.ReplayFile)), File.ReadAllBytes(second.File(b, TokenizeStage.ReplayFile)));
        Assert.Equal(File.ReadAllBytes(first.File(a, TokenizeStage.IndexFile)), File.ReadAllBytes(second.File(b, TokenizeStage.IndexFile)));

        var reseeded = await second.RunAsync(Section, seed: 7);
        Assert.NotEqual(File.ReadAllBytes(first.File(a, TokenizeStage.ReplayFile)), File.ReadAllBytes(second.File(reseeded, TokenizeStage.ReplayFile)));
    }

    [Fact]
    public async Task No_replay_rows_write_no_replay_shard()
    {
        using var harness = new TokenizeHarness();
        var manifest = await harness.RunAsync(Section);
        Assert.False(File.Exists(harness.File(manifest, TokenizeStage.ReplayFile)));
        Assert.Equal(0, (long)manifest.Metrics["replay_blocks"]!);
        Assert.Equal(0, (int)manifest.Metrics["replay_documents"]!);
        Assert.Equal(["train", "val"], harness.Index(manifest)["shards"]!.AsArray().Select(s => (string)s!["split"]!));
    }
}

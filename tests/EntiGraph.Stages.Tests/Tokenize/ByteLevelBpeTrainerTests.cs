using System.Text.Json.Nodes;
using EntiGraph.Stages.Tokenize;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Tokenize;

public sealed class ByteLevelBpeTrainerTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    [Fact]
    public void Trained_tokenizer_loaded_through_ML_Tokenizers_round_trips_spaces_and_non_ascii()
    {
        var directory = Path.Combine(_workspace.Root, "tok");
        new ByteLevelBpeTrainer(400).Train(TokenizeCorpus.Documents).Save(directory);
        var tokenizer = ByteLevelBpeModel.Load(directory);

        foreach (var text in new[] { TokenizeCorpus.RoundTrip, TokenizeCorpus.Documents[7], " ", "a  b", "\u0000\u00ad\r\n" })
        {
            var ids = tokenizer.EncodeToIds(text);
            Assert.Equal(text, tokenizer.Decode(ids));
            Assert.All(ids, id => Assert.InRange(id, ByteLevelBpeModel.FirstByteId, 399));
        }

        // The merges are used: a familiar sentence takes far fewer tokens than bytes.
        var familiar = TokenizeCorpus.Documents[3];
        Assert.True(tokenizer.EncodeToIds(familiar).Count < System.Text.Encoding.UTF8.GetByteCount(familiar) / 2);
    }

    [Fact]
    public void Writes_the_hugging_face_files()
    {
        var directory = Path.Combine(_workspace.Root, "tok");
        var model = new ByteLevelBpeTrainer(300).Train(TokenizeCorpus.Documents);
        model.Save(directory);

        Assert.Equal(300, model.Tokens.Count);
        var merges = File.ReadAllLines(Path.Combine(directory, ByteLevelBpeModel.MergesFile));
        Assert.Equal("#version: 0.2", merges[0]);
        Assert.Equal(model.Merges.Count, merges.Length - 1);
        Assert.All(merges.Skip(1), line => Assert.Equal(2, line.Split(' ').Length));

        var vocab = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, ByteLevelBpeModel.VocabFile)))!.AsObject();
        Assert.Equal(300, vocab.Count);
        Assert.Equal(0, (int)vocab["<|bos|>"]!);
        Assert.Equal(1, (int)vocab["<|eos|>"]!);
        Assert.Equal(2, (int)vocab["<|pad|>"]!);
        Assert.Equal(ByteLevelBpeModel.FirstByteId + ' ', (int)vocab["Ġ"]!);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, ByteLevelBpeModel.TokenizerFile)))!;
        Assert.Equal("BPE", (string)json["model"]!["type"]!);
        Assert.Equal("ByteLevel", (string)json["pre_tokenizer"]!["type"]!);
        Assert.Equal("ByteLevel", (string)json["decoder"]!["type"]!);
        Assert.Equal(300, json["model"]!["vocab"]!.AsObject().Count);
        Assert.Equal(model.Merges.Count, json["model"]!["merges"]!.AsArray().Count);
        Assert.Equal(["<|bos|>", "<|eos|>", "<|pad|>"], json["added_tokens"]!.AsArray().Select(t => (string)t!["content"]!));
    }

    [Fact]
    public void Training_is_deterministic_and_ties_break_by_token_text()
    {
        var first = new ByteLevelBpeTrainer(350).Train(TokenizeCorpus.Documents);
        var second = new ByteLevelBpeTrainer(350).Train(TokenizeCorpus.Documents.Reverse());
        Assert.Equal(first.Tokens, second.Tokens);
        Assert.Equal(first.Merges, second.Merges);

        // "ab" and "cd" each occur twice: the tie goes to the pair that sorts first.
        var tie = new ByteLevelBpeTrainer(ByteLevelBpeTrainer.MinimumVocabularySize + 1).Train(["cd", "ab", "cd", "ab"]);
        Assert.Equal(("a", "b"), Assert.Single(tie.Merges));
    }

    [Fact]
    public void Stops_when_no_pair_repeats_and_rejects_a_vocabulary_without_room_for_the_bytes()
    {
        var model = new ByteLevelBpeTrainer(5000).Train(["abc abc"]);
        Assert.True(model.Tokens.Count < 5000);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ByteLevelBpeTrainer(100).Train(["x"]));
    }

    public void Dispose() => _workspace.Dispose();
}

using EntiGraph.Stages.Tokenize;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Tokenize;

public sealed class PretrainedTokenizerTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    private string Folder(string name) => Path.Combine(_workspace.Root, name);

    [Fact]
    public void A_folder_our_trainer_wrote_loads_as_pretrained_and_encodes_exactly_as_the_trained_tokenizer()
    {
        var folder = Folder("trained");
        new ByteLevelBpeTrainer(400).Train(TokenizeCorpus.Documents).Save(folder);
        var trained = ByteLevelBpeModel.Load(folder);
        string[] texts = [.. TokenizeCorpus.Documents, TokenizeCorpus.RoundTrip, "a document that quotes <|bos|> and <|eos|> as text", "", " "];

        var fromJson = PretrainedTokenizer.Load(folder);
        Assert.Equal(PretrainedTokenizer.TokenizerJsonFile, fromJson.Format);
        Assert.Equal(new SpecialTokenIds(0, 1, 2, "<|bos|>", "<|eos|>", "<|pad|>"), fromJson.Ids);
        Assert.Equal(400, fromJson.VocabularySize);

        // Without tokenizer.json the GPT-2 files are next in line; without the config, the known markers give the ids.
        File.Delete(Path.Combine(folder, PretrainedTokenizer.TokenizerJsonFile));
        File.Delete(Path.Combine(folder, SpecialTokenIds.ConfigFile));
        var fromVocab = PretrainedTokenizer.Load(folder);
        Assert.Equal("vocab.json+merges.txt", fromVocab.Format);
        Assert.Equal((0, 1, 2), (fromVocab.Ids.Bos, fromVocab.Ids.Eos, fromVocab.Ids.Pad));

        foreach (var text in texts)
        {
            var expected = trained.EncodeToIds(text);
            Assert.Equal(expected, fromJson.Tokenizer.EncodeToIds(text));
            Assert.Equal(expected, fromVocab.Tokenizer.EncodeToIds(text));
        }
    }

    [Fact]
    public void Tokenizer_json_with_array_merges_uses_its_split_regex_and_added_tokens()
    {
        var folder = TokenizerFolders.WriteTokenizerJson(Folder("json"), config: TokenizerFolders.ObjectStyleConfig);
        var tokenizer = PretrainedTokenizer.Load(folder);

        // "the" + " thing": t|he, then Ġt|h|ing (the merges apply in rank order, never across the split).
        Assert.Equal([116, 257, 256, 104, 260], tokenizer.Tokenizer.EncodeToIds("the thing"));
        // Llama 3's split keeps digits in threes, so the merge of 3 and 4 cannot apply across "123|45".
        Assert.Equal([49, 50, 51, 52, 53], tokenizer.Tokenizer.EncodeToIds("12345"));
        Assert.Equal([261, 53], tokenizer.Tokenizer.EncodeToIds("345"));

        Assert.Equal(new SpecialTokenIds(TokenizerFolders.EndOfTextId, TokenizerFolders.EndOfTextId, TokenizerFolders.PadId, "<|endoftext|>", "<|endoftext|>", "<|pad|>"), tokenizer.Ids);
        Assert.Equal(TokenizerFolders.PadId + 1, tokenizer.VocabularySize);
        Assert.Equal(TokenizerFolders.EndOfTextId, tokenizer.SpecialTokens["<|endoftext|>"]);

        const string Text = "end<|endoftext|>";
        Assert.DoesNotContain(TokenizerFolders.EndOfTextId, tokenizer.Tokenizer.EncodeToIds(Text));
        var withSpecial = tokenizer.WithSpecialTokens.EncodeToIds(Text);
        Assert.Equal(TokenizerFolders.EndOfTextId, withSpecial[^1]);
        Assert.Equal(Text, tokenizer.WithSpecialTokens.Decode(withSpecial));
        Assert.Equal(TokenizeCorpus.RoundTrip, tokenizer.Tokenizer.Decode(tokenizer.Tokenizer.EncodeToIds(TokenizeCorpus.RoundTrip)));
    }

    [Fact]
    public void Tiktoken_model_gets_llama3_special_tokens_after_its_ranks()
    {
        var ranks = TokenizerFolders.TiktokenRanks;
        var tokenizer = PretrainedTokenizer.Load(TokenizerFolders.WriteTiktoken(Folder("tiktoken")));

        Assert.Equal("tiktoken", tokenizer.Format);
        Assert.Equal(256, tokenizer.SpecialTokens.Count);
        Assert.Equal(ranks + 256, tokenizer.VocabularySize);
        Assert.Equal(ranks, tokenizer.SpecialTokens["<|begin_of_text|>"]);
        Assert.Equal(ranks + 1, tokenizer.SpecialTokens["<|end_of_text|>"]);
        Assert.Equal(ranks + 2, tokenizer.SpecialTokens["<|reserved_special_token_0|>"]);
        Assert.Equal(ranks + 6, tokenizer.SpecialTokens["<|start_header_id|>"]);
        Assert.Equal(ranks + 7, tokenizer.SpecialTokens["<|end_header_id|>"]);
        Assert.Equal(ranks + 8, tokenizer.SpecialTokens["<|reserved_special_token_4|>"]);
        Assert.Equal(ranks + 9, tokenizer.SpecialTokens["<|eot_id|>"]);
        Assert.Equal(ranks + 10, tokenizer.SpecialTokens["<|reserved_special_token_5|>"]);
        Assert.Equal(ranks + 255, tokenizer.SpecialTokens["<|reserved_special_token_250|>"]);
        // No tokenizer_config.json: Llama 3's own markers, and EOS pads.
        Assert.Equal((ranks, ranks + 1, ranks + 1), (tokenizer.Ids.Bos, tokenizer.Ids.Eos, tokenizer.Ids.Pad));

        // Ranks are merge priorities: "the" is one token, " thing" is " th" + "ing" (ranks 260 and 262).
        Assert.Equal([258, 260, 262], tokenizer.Tokenizer.EncodeToIds("the thing"));
        Assert.Equal(TokenizeCorpus.RoundTrip, tokenizer.Tokenizer.Decode(tokenizer.Tokenizer.EncodeToIds(TokenizeCorpus.RoundTrip)));
    }

    [Fact]
    public void Begin_of_text_written_in_text_is_its_id_only_where_special_tokens_are_allowed()
    {
        var ranks = TokenizerFolders.TiktokenRanks;
        var tokenizer = PretrainedTokenizer.Load(TokenizerFolders.WriteTiktoken(Folder("tiktoken")));
        const string Text = "<|begin_of_text|>the thing<|eot_id|>";

        var plain = tokenizer.Tokenizer.EncodeToIds(Text);
        Assert.All(plain, id => Assert.InRange(id, 0, ranks - 1));
        Assert.Equal(Text, tokenizer.Tokenizer.Decode(plain));

        Assert.Equal([ranks, 258, 260, 262, ranks + 9], tokenizer.WithSpecialTokens.EncodeToIds(Text));
    }

    [Fact]
    public void Tokenizer_config_chooses_the_markers()
    {
        var ranks = TokenizerFolders.TiktokenRanks;
        var folder = TokenizerFolders.WriteTiktoken(Folder("instruct"), """{ "bos_token": "<|begin_of_text|>", "eos_token": { "content": "<|eot_id|>" }, "pad_token": null }""");
        var tokenizer = PretrainedTokenizer.Load(folder);
        Assert.Equal((ranks, ranks + 9, ranks + 9), (tokenizer.Ids.Bos, tokenizer.Ids.Eos, tokenizer.Ids.Pad));
        Assert.Contains(Path.Combine(folder, SpecialTokenIds.ConfigFile), tokenizer.Files);
    }

    [Fact]
    public void Tokenizer_json_comes_before_tokenizer_model_which_comes_before_the_gpt2_files()
    {
        var folder = Folder("all");
        new ByteLevelBpeTrainer(300).Train(TokenizeCorpus.Documents).Save(folder);
        TokenizerFolders.WriteTiktoken(folder);
        Assert.Equal(PretrainedTokenizer.TokenizerJsonFile, PretrainedTokenizer.Load(folder).Format);
        // The trainer's config names <|bos|>, which the tiktoken table does not have.
        File.Delete(Path.Combine(folder, PretrainedTokenizer.TokenizerJsonFile));
        File.Delete(Path.Combine(folder, SpecialTokenIds.ConfigFile));
        Assert.Equal("tiktoken", PretrainedTokenizer.Load(folder).Format);
        File.Delete(Path.Combine(folder, PretrainedTokenizer.TiktokenFile));
        Assert.Equal("vocab.json+merges.txt", PretrainedTokenizer.Load(folder).Format);
    }

    [Fact]
    public void Copy_holds_the_files_used_and_a_config_that_loads_with_the_same_ids()
    {
        var source = TokenizerFolders.WriteTiktoken(Folder("source"));
        File.WriteAllText(Path.Combine(source, "README.md"), "not a tokenizer file");
        var copy = Folder("copy");
        PretrainedTokenizer.Load(source).CopyTo(copy);

        Assert.Equal([PretrainedTokenizer.TiktokenFile, SpecialTokenIds.ConfigFile], Directory.GetFiles(copy).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(source, PretrainedTokenizer.TiktokenFile)), File.ReadAllBytes(Path.Combine(copy, PretrainedTokenizer.TiktokenFile)));
        Assert.Equal(PretrainedTokenizer.Load(source).Ids, PretrainedTokenizer.Load(copy).Ids);
    }

    public void Dispose() => _workspace.Dispose();
}

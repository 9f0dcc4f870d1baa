using System.Text.Json.Nodes;
using EntiGraph.Stages.Tokenize;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Tokenize;

public sealed class PretrainedTokenizerErrorTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    private string Folder(string name)
    {
        var folder = Path.Combine(_workspace.Root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    // Malformed files throw InvalidDataException, missing ones FileNotFoundException or DirectoryNotFoundException.
    private static string Error(string folder) => Assert.ThrowsAny<Exception>(() => PretrainedTokenizer.Load(folder)).Message;

    private string TiktokenWith(Func<List<string>, List<string>> edit)
    {
        var folder = Folder("tiktoken");
        var lines = edit([.. TokenizerFolders.TiktokenModel().Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
        File.WriteAllText(Path.Combine(folder, PretrainedTokenizer.TiktokenFile), string.Join("\n", lines) + "\n");
        return folder;
    }

    [Fact]
    public void A_bad_tiktoken_line_is_named_by_file_and_line()
    {
        var file = PretrainedTokenizer.TiktokenFile;
        Assert.Contains($"{file}:3: '@@@' is not base64", Error(TiktokenWith(l => { l[2] = "@@@ 2"; return l; })));
        Assert.Contains($"{file}:2: rank 'two' is not a non-negative integer", Error(TiktokenWith(l => { l[1] = "AQ== two"; return l; })));
        Assert.Contains($"{file}:5: expected \"<base64 token> <rank>\"", Error(TiktokenWith(l => { l[4] = "BA==4"; return l; })));
        Assert.Contains($"{file}:258: rank 5 is already taken by line 6", Error(TiktokenWith(l => { l[257] = l[257].Split(' ')[0] + " 5"; return l; })));
        Assert.Contains($"{file}:263: rank 9000 leaves a gap", Error(TiktokenWith(l => { l[262] = l[262].Split(' ')[0] + " 9000"; return l; })));
        Assert.Contains("no token for the single byte 0x41", Error(TiktokenWith(l => { l.RemoveAt(0x41); return [.. l.Select((line, i) => $"{line.Split(' ')[0]} {i}")]; })));
    }

    [Fact]
    public void A_sentencepiece_model_is_told_apart_from_a_tiktoken_file()
    {
        var folder = Folder("llama2");
        File.WriteAllBytes(Path.Combine(folder, PretrainedTokenizer.TiktokenFile), [0x0A, 0x0B, 0x0A, 0x05, 0x3C, 0x75, 0x6E, 0x6B, 0x3E, 0x15, 0x00, 0x00]);
        Assert.Contains("SentencePiece models are not supported", Error(folder));
    }

    [Fact]
    public void A_bad_merges_line_is_named_by_file_and_line()
    {
        var folder = Folder("gpt2");
        new ByteLevelBpeTrainer(300).Train(TokenizeCorpus.Documents).Save(folder);
        File.Delete(Path.Combine(folder, PretrainedTokenizer.TokenizerJsonFile));
        var merges = Path.Combine(folder, PretrainedTokenizer.MergesFile);
        var lines = File.ReadAllLines(merges);

        File.WriteAllLines(merges, [lines[0], lines[1], "onlyone", .. lines[3..]]);
        Assert.Contains($"{PretrainedTokenizer.MergesFile}:3: expected two tokens separated by one space, found 'onlyone'", Error(folder));

        File.WriteAllLines(merges, [lines[0], "zz q", .. lines[2..]]);
        Assert.Contains($"{PretrainedTokenizer.MergesFile}:2: merge part 'zz' is not in the vocabulary", Error(folder));
    }

    [Fact]
    public void Tokenizer_json_problems_name_the_file_and_where_in_it()
    {
        var file = PretrainedTokenizer.TokenizerJsonFile;
        var folder = Folder("json");
        File.WriteAllText(Path.Combine(folder, file), "{\n  \"version\": \"1.0\",\n  \"model\": {\n    \"type\": \"BPE\",,\n  }\n}\n");
        Assert.Contains($"{file}:4: not valid JSON", Error(folder));

        var wordPiece = TokenizerFolders.TokenizerJson();
        wordPiece["model"]!["type"] = "WordPiece";
        TokenizerFolders.WriteTokenizerJson(folder, wordPiece);
        var message = Error(folder);
        Assert.Contains(Path.Combine(folder, file), message);
        Assert.Contains("model type 'WordPiece' is not supported", message);

        var unigram = TokenizerFolders.TokenizerJson();
        unigram["model"]!["type"] = "Unigram";
        TokenizerFolders.WriteTokenizerJson(folder, unigram);
        Assert.Contains("model type 'Unigram' is not supported", Error(folder));

        var badMerge = TokenizerFolders.TokenizerJson();
        badMerge["model"]!["merges"]!.AsArray()[2] = new JsonArray(1, 2);
        TokenizerFolders.WriteTokenizerJson(folder, badMerge);
        Assert.Contains($"{file}: model.merges[2]: expected \"a b\" or [\"a\", \"b\"]", Error(folder));

        var unknownMerge = TokenizerFolders.TokenizerJson();
        unknownMerge["model"]!["merges"]!.AsArray()[1] = "h x";
        TokenizerFolders.WriteTokenizerJson(folder, unknownMerge);
        Assert.Contains($"{file}: model.merges[1]: the merge of 'h' and 'x' gives 'hx', which is not in the vocabulary", Error(folder));

        var prefixSpace = TokenizerFolders.TokenizerJson();
        prefixSpace["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = true };
        TokenizerFolders.WriteTokenizerJson(folder, prefixSpace);
        Assert.Contains("pre_tokenizer.add_prefix_space is true", Error(folder));

        var notByteLevel = TokenizerFolders.TokenizerJson();
        notByteLevel["pre_tokenizer"] = new JsonObject { ["type"] = "Metaspace" };
        TokenizerFolders.WriteTokenizerJson(folder, notByteLevel);
        Assert.Contains("pre_tokenizer 'Metaspace' is not supported", Error(folder));
    }

    [Fact]
    public void Markers_that_cannot_be_found_are_errors()
    {
        var folder = TokenizerFolders.WriteTokenizerJson(Folder("unknown-bos"), config: """{ "bos_token": "<s>" }""");
        Assert.Contains($"{SpecialTokenIds.ConfigFile}: bos_token '<s>' is not a token of this tokenizer", Error(folder));

        var bare = TokenizerFolders.TokenizerJson();
        bare["added_tokens"] = new JsonArray();
        folder = TokenizerFolders.WriteTokenizerJson(Folder("no-markers"), bare);
        Assert.Contains("cannot tell which token marks a document's start", Error(folder));
    }

    [Fact]
    public void A_folder_without_a_tokenizer_names_the_files_looked_for()
    {
        var folder = Folder("empty");
        var message = Error(folder);
        Assert.Contains(folder, message);
        Assert.Contains("looked for tokenizer.json, tokenizer.model, vocab.json with merges.txt", message);

        File.WriteAllText(Path.Combine(folder, PretrainedTokenizer.VocabFile), "{}");
        Assert.Contains("vocab.json is there but merges.txt is not", Error(folder));
        Assert.Throws<DirectoryNotFoundException>(() => PretrainedTokenizer.Load(Path.Combine(folder, "absent")));
    }

    public void Dispose() => _workspace.Dispose();
}

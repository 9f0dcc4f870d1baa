using System.Text.Json;
using System.Text.RegularExpressions;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// Reads a Hugging Face tokenizer.json whose model is a byte-level BPE (GPT-2, Llama 3, Qwen, and this
/// project's trainer): model.vocab, model.merges (as "a b" strings or, as newer versions of the
/// tokenizers library write them, ["a", "b"] pairs), added_tokens as special tokens, and the
/// pre-tokenizer the file declares: ByteLevel with its built-in GPT-2 split, or a Split regex followed by
/// ByteLevel. The post-processor is ignored: the tokenize stage adds BOS and EOS itself.
/// </summary>
/// <remarks>
/// model.ignore_merges (Llama 3 sets it: a chunk that is itself in the vocabulary is taken whole) has no
/// counterpart in Microsoft.ML.Tokenizers' BPE, which always merges; the two agree except for vocabulary
/// entries the merges cannot build. Llama 3's tiktoken tokenizer.model has no such gap.
/// </remarks>
internal static class HuggingFaceTokenizerJson
{
    public const string Format = PretrainedTokenizer.TokenizerJsonFile;

    public static PretrainedTokenizer Load(string folder)
    {
        var path = Path.Combine(folder, PretrainedTokenizer.TokenizerJsonFile);
        using var document = TokenizerJson.Parse(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: expected a JSON object");
        }

        var model = TokenizerJson.Object(root, "model", path, "");
        CheckModel(path, model);
        CheckNormalizer(path, root);
        var split = PreTokenizerSplit(path, root);
        var vocabulary = Vocabulary(path, TokenizerJson.Object(model, "vocab", path, "model."));
        var merges = Merges(path, model);
        var specialTokens = AddedTokens(path, root);

        var files = new List<string> { path };
        var config = Path.Combine(folder, SpecialTokenIds.ConfigFile);
        if (File.Exists(config))
        {
            files.Add(config);
        }

        return PretrainedBpe.Create(Format, folder, files, path, vocabulary, merges, specialTokens, split, TokenizerJson.OptionalString(model, "unk_token"));
    }

    private static void CheckModel(string path, JsonElement model)
    {
        // Files from before the "type" field existed hold a BPE when they have merges.
        var type = TokenizerJson.OptionalString(model, "type") ?? (model.TryGetProperty("merges", out _) ? "BPE" : "(none)");
        if (type != "BPE")
        {
            throw new InvalidDataException(
                $"{path}: model type '{type}' is not supported: only byte-level BPE tokenizers load (tokenizer.json with a BPE model, a tiktoken tokenizer.model, or vocab.json with merges.txt)");
        }

        if (TokenizerJson.OptionalBoolean(model, "byte_fallback") == true)
        {
            throw new InvalidDataException($"{path}: model.byte_fallback is true: a SentencePiece-style BPE, not a byte-level one, which is not supported");
        }

        if (model.TryGetProperty("dropout", out var dropout) && dropout.ValueKind == JsonValueKind.Number && dropout.GetDouble() > 0)
        {
            throw new InvalidDataException($"{path}: model.dropout is {dropout.GetRawText()}: BPE dropout makes encoding random; set it to null");
        }

        foreach (var affix in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
        {
            if (TokenizerJson.OptionalString(model, affix) is { Length: > 0 } value)
            {
                throw new InvalidDataException($"{path}: model.{affix} is '{value}': word-piece affixes do not occur in byte-level BPE and are not supported");
            }
        }
    }

    private static void CheckNormalizer(string path, JsonElement root)
    {
        if (!root.TryGetProperty("normalizer", out var normalizer) || normalizer.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var type = TokenizerJson.OptionalString(normalizer, "type");
        if (type == "Sequence" && normalizer.TryGetProperty("normalizers", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() == 0)
        {
            return;
        }

        throw new InvalidDataException($"{path}: normalizer '{type}' is not supported: byte-level BPE tokenizers encode the text as it is (normalizer: null)");
    }

    /// <summary>The regex that splits text into the chunks merges never cross.</summary>
    private static Regex PreTokenizerSplit(string path, JsonElement root)
    {
        const string Supported = "ByteLevel (with use_regex), or a Sequence of one Split (Isolated) and ByteLevel (without use_regex)";
        if (!root.TryGetProperty("pre_tokenizer", out var pre) || pre.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: no pre_tokenizer: not a byte-level BPE; supported: {Supported}");
        }

        switch (TokenizerJson.OptionalString(pre, "type"))
        {
            case "ByteLevel":
                CheckByteLevel(path, "pre_tokenizer", pre, useRegex: true);
                return Gpt2PreTokenizer.Pattern();
            case "Sequence" when pre.TryGetProperty("pretokenizers", out var steps)
                && steps.ValueKind == JsonValueKind.Array && steps.GetArrayLength() == 2
                && TokenizerJson.OptionalString(steps[0], "type") == "Split"
                && TokenizerJson.OptionalString(steps[1], "type") == "ByteLevel":
                CheckByteLevel(path, "pre_tokenizer.pretokenizers[1]", steps[1], useRegex: false);
                return SplitRegex(path, steps[0]);
            case var type:
                throw new InvalidDataException($"{path}: pre_tokenizer '{type}' is not supported; supported: {Supported}");
        }
    }

    // Hugging Face's defaults are add_prefix_space and use_regex true, so an absent key means true.
    private static void CheckByteLevel(string path, string where, JsonElement byteLevel, bool useRegex)
    {
        if (TokenizerJson.OptionalBoolean(byteLevel, "add_prefix_space") ?? true)
        {
            throw new InvalidDataException($"{path}: {where}.add_prefix_space is true: adding a space before the text is not supported");
        }

        if ((TokenizerJson.OptionalBoolean(byteLevel, "use_regex") ?? true) != useRegex)
        {
            throw new InvalidDataException(useRegex
                ? $"{path}: {where}.use_regex is false and no Split comes first: the text would not be split at all"
                : $"{path}: {where}.use_regex is true after a Split: a second split is not supported");
        }
    }

    private static Regex SplitRegex(string path, JsonElement split)
    {
        const string Where = "pre_tokenizer.pretokenizers[0]";
        if (TokenizerJson.OptionalString(split, "behavior") != "Isolated" || TokenizerJson.OptionalBoolean(split, "invert") == true)
        {
            throw new InvalidDataException($"{path}: {Where}: only a Split with behavior Isolated and invert false is supported");
        }

        var pattern = split.TryGetProperty("pattern", out var p) && p.ValueKind == JsonValueKind.Object
            ? TokenizerJson.OptionalString(p, "Regex") ?? (TokenizerJson.OptionalString(p, "String") is { } literal ? Regex.Escape(literal) : null)
            : null;
        if (pattern is null)
        {
            throw new InvalidDataException($"{path}: {Where}.pattern: expected {{\"Regex\": ...}} or {{\"String\": ...}}");
        }

        try
        {
            // Compiled: the split runs over every character of the corpus.
            return new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {Where}.pattern is not a regular expression .NET can run: {e.Message}", e);
        }
    }

    private static Dictionary<string, int> Vocabulary(string path, JsonElement vocab)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocab.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out var id))
            {
                throw new InvalidDataException($"{path}: model.vocab: token '{entry.Name}': id {entry.Value.GetRawText()} is not an integer");
            }

            vocabulary[entry.Name] = id;
        }

        return vocabulary;
    }

    private static List<MergeEntry> Merges(string path, JsonElement model)
    {
        if (!model.TryGetProperty("merges", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: model.merges: expected an array");
        }

        var merges = new List<MergeEntry>(array.GetArrayLength());
        var index = 0;
        foreach (var merge in array.EnumerateArray())
        {
            var location = $"{path}: model.merges[{index++}]";
            if (merge.ValueKind == JsonValueKind.String)
            {
                var text = merge.GetString()!;
                var space = text.IndexOf(' ');
                if (space <= 0 || space == text.Length - 1 || text.IndexOf(' ', space + 1) >= 0)
                {
                    throw new InvalidDataException($"{location}: expected two tokens separated by one space, found '{text}'");
                }

                merges.Add(new MergeEntry(text[..space], text[(space + 1)..], location));
            }
            else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2
                && merge[0].ValueKind == JsonValueKind.String && merge[1].ValueKind == JsonValueKind.String)
            {
                merges.Add(new MergeEntry(merge[0].GetString()!, merge[1].GetString()!, location));
            }
            else
            {
                throw new InvalidDataException($"{location}: expected \"a b\" or [\"a\", \"b\"], found {merge.GetRawText()}");
            }
        }

        return merges;
    }

    // Every added token, "special" or not: Hugging Face splits them all out of text the same way.
    private static Dictionary<string, int> AddedTokens(string path, JsonElement root)
    {
        var tokens = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!root.TryGetProperty("added_tokens", out var added) || added.ValueKind == JsonValueKind.Null)
        {
            return tokens;
        }

        if (added.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: added_tokens: expected an array");
        }

        var index = 0;
        foreach (var token in added.EnumerateArray())
        {
            var where = $"{path}: added_tokens[{index++}]";
            if (token.ValueKind != JsonValueKind.Object
                || TokenizerJson.OptionalString(token, "content") is not { Length: > 0 } content
                || !token.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number
                || !idElement.TryGetInt32(out var id) || id < 0)
            {
                throw new InvalidDataException($"{where}: expected {{\"id\": a non-negative integer, \"content\": a string}}");
            }

            if (!tokens.TryAdd(content, id))
            {
                throw new InvalidDataException($"{where}: '{content}' is added twice");
            }
        }

        return tokens;
    }
}

using System.Text;
using System.Text.Json.Nodes;
using EntiGraph.Stages.Tokenize;

namespace EntiGraph.Stages.Tests.Tokenize;

/// <summary>Small tokenizer folders written by hand, in the layouts pretrained models ship with.</summary>
internal static class TokenizerFolders
{
    /// <summary>The tiny tiktoken table's merged tokens, ranked after the 256 single bytes.</summary>
    public static readonly IReadOnlyList<string> TiktokenMerges = ["th", "he", "the", " t", " th", "in", "ing"];

    /// <summary>Ranks in the tiny table: 256 bytes and the merges; Llama 3's special tokens start here.</summary>
    public static int TiktokenRanks => 256 + TiktokenMerges.Count;

    /// <summary>The tiny table in tiktoken's format: one "base64 rank" a line, single bytes first.</summary>
    public static string TiktokenModel()
    {
        var lines = new StringBuilder();
        var rank = 0;
        for (var b = 0; b < 256; b++)
        {
            lines.Append(Convert.ToBase64String([(byte)b])).Append(' ').Append(rank++).Append('\n');
        }

        foreach (var token in TiktokenMerges)
        {
            lines.Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(token))).Append(' ').Append(rank++).Append('\n');
        }

        return lines.ToString();
    }

    public static string WriteTiktoken(string folder, string? config = null)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, PretrainedTokenizer.TiktokenFile), TiktokenModel());
        if (config is not null)
        {
            File.WriteAllText(Path.Combine(folder, SpecialTokenIds.ConfigFile), config);
        }

        return folder;
    }

    /// <summary>Byte-level tokens in byte order take ids 0 to 255; the merged tokens follow.</summary>
    public static string Byte(char c) => ByteLevelAlphabet.CharOf((byte)c).ToString();

    public static readonly IReadOnlyList<(string Left, string Right)> JsonMerges =
        [(Byte(' '), "t"), ("h", "e"), (Byte(' ') + "t", "he"), ("i", "n"), ("in", "g"), ("3", "4")];

    public const int EndOfTextId = 262;
    public const int PadId = 263;

    /// <summary>
    /// A tokenizer.json as the newer tokenizers library writes it: merges as ["a", "b"] pairs, Llama 3's
    /// split regex before a ByteLevel step, two added tokens outside model.vocab.
    /// </summary>
    public static JsonObject TokenizerJson()
    {
        var vocab = new JsonObject();
        for (var b = 0; b < 256; b++)
        {
            vocab[ByteLevelAlphabet.CharOf((byte)b).ToString()] = b;
        }

        foreach (var (left, right) in JsonMerges)
        {
            vocab[left + right] = vocab.Count;
        }

        JsonObject Added(int id, string content) => new() { ["id"] = id, ["content"] = content, ["special"] = true, ["normalized"] = false };
        return new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = new JsonArray(Added(EndOfTextId, "<|endoftext|>"), Added(PadId, "<|pad|>")),
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "Split",
                        ["pattern"] = new JsonObject { ["Regex"] = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+" },
                        ["behavior"] = "Isolated",
                        ["invert"] = false,
                    },
                    new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = false }),
            },
            ["post_processor"] = null,
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel" },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["dropout"] = null,
                ["byte_fallback"] = false,
                ["ignore_merges"] = false,
                ["vocab"] = vocab,
                ["merges"] = new JsonArray(JsonMerges.Select(m => (JsonNode)new JsonArray(m.Left, m.Right)).ToArray()),
            },
        };
    }

    public static string WriteTokenizerJson(string folder, JsonObject? json = null, string? config = null)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, PretrainedTokenizer.TokenizerJsonFile), (json ?? TokenizerJson()).ToJsonString(new() { WriteIndented = true }));
        if (config is not null)
        {
            File.WriteAllText(Path.Combine(folder, SpecialTokenIds.ConfigFile), config);
        }

        return folder;
    }

    /// <summary>bos and eos as {"content": ...} objects and pad as a string: Hugging Face writes either.</summary>
    public const string ObjectStyleConfig = """
        {
          "bos_token": { "content": "<|endoftext|>", "lstrip": false, "rstrip": false },
          "eos_token": { "content": "<|endoftext|>", "lstrip": false, "rstrip": false },
          "pad_token": "<|pad|>"
        }
        """;
}

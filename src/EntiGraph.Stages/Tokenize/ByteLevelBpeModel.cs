using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.Tokenizers;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// A trained byte-level BPE: tokens by id (special tokens, the 256 bytes, then merges) and the merges
/// in rank order. Saved in the Hugging Face layout (vocab.json, merges.txt, tokenizer.json,
/// tokenizer_config.json) and loaded back through Microsoft.ML.Tokenizers, which does the encoding.
/// </summary>
internal sealed class ByteLevelBpeModel(IReadOnlyList<string> tokens, IReadOnlyList<(string Left, string Right)> merges)
{
    public const string Bos = "<|bos|>";
    public const string Eos = "<|eos|>";
    public const string Pad = "<|pad|>";
    public const string VocabFile = "vocab.json";
    public const string MergesFile = "merges.txt";
    public const string TokenizerFile = "tokenizer.json";

    public static readonly IReadOnlyList<string> SpecialTokens = [Bos, Eos, Pad];

    /// <summary>The id of byte 0; bytes follow the special tokens.</summary>
    public const int FirstByteId = 3;

    public IReadOnlyList<string> Tokens { get; } = tokens;

    public IReadOnlyList<(string Left, string Right)> Merges { get; } = merges;

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var vocab = new JsonObject();
        for (var id = 0; id < Tokens.Count; id++)
        {
            vocab[Tokens[id]] = id;
        }

        File.WriteAllText(Path.Combine(directory, VocabFile), vocab.ToJsonString(), Utf8);
        var lines = new StringBuilder("#version: 0.2\n");
        foreach (var (left, right) in Merges)
        {
            lines.Append(left).Append(' ').Append(right).Append('\n');
        }

        File.WriteAllText(Path.Combine(directory, MergesFile), lines.ToString(), Utf8);
        File.WriteAllText(Path.Combine(directory, TokenizerFile), TokenizerJson(vocab).ToJsonString(new JsonSerializerOptions { WriteIndented = true }), Utf8);
        // Names the markers, so the folder loads back as a pretrained tokenizer with the same BOS, EOS and PAD.
        File.WriteAllText(Path.Combine(directory, SpecialTokenIds.ConfigFile), SpecialTokenIds.ConfigJson(Bos, Eos, Pad), Utf8);
    }

    /// <summary>Loads vocab.json and merges.txt from <paramref name="directory"/> as a Microsoft.ML.Tokenizers BPE.</summary>
    public static BpeTokenizer Load(string directory) =>
        BpeTokenizer.Create(new BpeOptions(Path.Combine(directory, VocabFile), Path.Combine(directory, MergesFile))
        {
            // Without ByteLevel and the GPT-2 split the tokenizer would drop spaces and mangle non-ASCII.
            ByteLevel = true,
            PreTokenizer = Gpt2PreTokenizer.ForTokenizer(),
        });

    // No BOM: Hugging Face and ML.Tokenizers read the files as plain UTF-8.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // The smallest tokenizer.json the Hugging Face tokenizers library accepts for this model: byte-level
    // pre-tokenizer (its built-in regex is the GPT-2 split used here) and decoder, special tokens added.
    private JsonObject TokenizerJson(JsonObject vocab)
    {
        var added = new JsonArray();
        for (var id = 0; id < SpecialTokens.Count; id++)
        {
            added.Add(new JsonObject
            {
                ["id"] = id,
                ["content"] = SpecialTokens[id],
                ["single_word"] = false,
                ["lstrip"] = false,
                ["rstrip"] = false,
                ["normalized"] = false,
                ["special"] = true,
            });
        }

        JsonObject ByteLevel() => new() { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = true };
        return new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = added,
            ["normalizer"] = null,
            ["pre_tokenizer"] = ByteLevel(),
            ["post_processor"] = null,
            ["decoder"] = ByteLevel(),
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["dropout"] = null,
                ["unk_token"] = null,
                ["continuing_subword_prefix"] = null,
                ["end_of_word_suffix"] = null,
                ["fuse_unk"] = false,
                ["byte_fallback"] = false,
                ["vocab"] = vocab.DeepClone(),
                ["merges"] = new JsonArray(Merges.Select(m => (JsonNode)$"{m.Left} {m.Right}").ToArray()),
            },
        };
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// The ids that mark a document's start and end and pad a batch. A folder's tokenizer_config.json names
/// them (bos_token, eos_token, pad_token: a string or a {"content": ...} object, as Hugging Face writes
/// either); what it leaves out comes from the special tokens the common model families use. A tokenizer
/// without a pad token pads with EOS, as Llama 3 and GPT-2 are usually fine-tuned.
/// </summary>
public sealed record SpecialTokenIds(int Bos, int Eos, int Pad, string BosToken, string EosToken, string PadToken)
{
    public const string ConfigFile = "tokenizer_config.json";

    // In order of preference: Llama 3, SentencePiece-era Llama and Mistral, this project's trainer, GPT-2.
    private static readonly string[] KnownBos = ["<|begin_of_text|>", "<s>", ByteLevelBpeModel.Bos, "<|endoftext|>"];
    private static readonly string[] KnownEos = ["<|end_of_text|>", "</s>", ByteLevelBpeModel.Eos, "<|endoftext|>"];
    private static readonly string[] KnownPad = [ByteLevelBpeModel.Pad, "<pad>"];

    /// <summary>Every token string this class may look for, so loaders can mark the ones their vocabulary holds as special.</summary>
    public static IEnumerable<string> KnownTokens => KnownBos.Concat(KnownEos).Concat(KnownPad).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Resolves the three ids for the tokenizer in <paramref name="folder"/>; <paramref name="idOf"/> maps a
    /// token string to its id (special tokens first, then the vocabulary) or null.
    /// </summary>
    public static SpecialTokenIds Resolve(string folder, Func<string, int?> idOf)
    {
        var declared = ReadConfig(folder);
        var configPath = Path.Combine(folder, ConfigFile);

        (int Id, string Token)? Declared(string key)
        {
            if (!declared.TryGetValue(key, out var token))
            {
                return null;
            }

            return idOf(token) is { } id ? (id, token) : throw new InvalidDataException($"{configPath}: {key} '{token}' is not a token of this tokenizer");
        }

        (int Id, string Token)? Known(string[] candidates) =>
            candidates.Select(t => idOf(t) is { } id ? (id, t) : ((int, string)?)null).FirstOrDefault(found => found is not null);

        var bos = Declared("bos_token") ?? Known(KnownBos);
        var eos = Declared("eos_token") ?? Known(KnownEos);
        if (bos is not { } start || eos is not { } end)
        {
            var missing = bos is null ? "bos_token" : "eos_token";
            var known = string.Join(", ", bos is null ? KnownBos : KnownEos);
            throw new InvalidDataException(
                $"{folder}: cannot tell which token marks a document's {(bos is null ? "start" : "end")}: {ConfigFile} gives no {missing} and the tokenizer has none of {known}");
        }

        var pad = Declared("pad_token") ?? Known(KnownPad) ?? end;
        return new SpecialTokenIds(start.Id, end.Id, pad.Id, start.Token, end.Token, pad.Token);
    }

    /// <summary>
    /// The tokenizer_config.json this project writes beside a tokenizer, so the folder loads back as a
    /// pretrained one with the same ids (unescaped: a reader sees "&lt;|bos|&gt;", not "\u003C|bos|\u003E").
    /// </summary>
    public static string ConfigJson(string bos, string eos, string pad) => JsonSerializer.Serialize(
        new Dictionary<string, string>
        {
            ["tokenizer_class"] = "PreTrainedTokenizerFast",
            ["bos_token"] = bos,
            ["eos_token"] = eos,
            ["pad_token"] = pad,
        },
        new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static Dictionary<string, string> ReadConfig(string folder)
    {
        var path = Path.Combine(folder, ConfigFile);
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return tokens;
        }

        using var document = TokenizerJson.Parse(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: expected a JSON object");
        }

        foreach (var key in new[] { "bos_token", "eos_token", "pad_token" })
        {
            if (!document.RootElement.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            tokens[key] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Object when value.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String => content.GetString()!,
                _ => throw new InvalidDataException($"{path}: {key}: expected a string or an object with a \"content\" string"),
            };
        }

        return tokens;
    }
}

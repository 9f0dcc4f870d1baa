using System.Text.Json.Nodes;
using Microsoft.ML.Tokenizers;

namespace EntiGraph.Stages.Tokenize;

/// <summary>The chosen tokenizer with its document markers: a document encodes as BOS, its tokens, EOS.</summary>
internal sealed class DocumentTokenizer(Tokenizer tokenizer, string name, int bosId, int eosId, int padId, int vocabularySize)
{
    public const string Trained = "train";
    public const string EncodingFile = "encoding.json";

    public static readonly IReadOnlyList<string> Choices = [Trained, "cl100k_base", "o200k_base"];

    public string Name { get; } = name;

    public int BosId { get; } = bosId;

    public int EosId { get; } = eosId;

    public int PadId { get; } = padId;

    public int VocabularySize { get; } = vocabularySize;

    public Tokenizer Tokenizer { get; } = tokenizer;

    public int[] Encode(string text)
    {
        var ids = Tokenizer.EncodeToIds(text);
        var document = new int[ids.Count + 2];
        document[0] = BosId;
        for (var i = 0; i < ids.Count; i++)
        {
            document[i + 1] = ids[i];
        }

        document[^1] = EosId;
        return document;
    }

    /// <summary>Trains a byte-level BPE on <paramref name="texts"/>, saves it to <paramref name="directory"/> and loads it back from there.</summary>
    public static DocumentTokenizer Train(IEnumerable<string> texts, int vocabularySize, string directory)
    {
        var model = new ByteLevelBpeTrainer(vocabularySize).Train(texts);
        model.Save(directory);
        // Encoding goes through the saved files, so what is published is exactly what produced the shards.
        var loaded = ByteLevelBpeModel.Load(directory);
        return new DocumentTokenizer(loaded, Trained, 0, 1, 2, model.Tokens.Count);
    }

    /// <summary>A tiktoken encoding; its &lt;|endoftext|&gt; marks both ends of a document, as GPT models use it.</summary>
    public static DocumentTokenizer Pretrained(string encoding, string directory)
    {
        var tiktoken = TiktokenTokenizer.CreateForEncoding(encoding);
        var endOfText = tiktoken.SpecialTokens!["<|endoftext|>"];
        // The library does not expose the ranks; in both encodings the special tokens hold the highest ids.
        var size = tiktoken.SpecialTokens.Values.Max() + 1;
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, EncodingFile), new JsonObject
        {
            ["encoding"] = encoding,
            ["bos_id"] = endOfText,
            ["eos_id"] = endOfText,
            ["pad_id"] = endOfText,
            ["vocab_size"] = size,
        }.ToJsonString());
        return new DocumentTokenizer(tiktoken, encoding, endOfText, endOfText, endOfText, size);
    }
}

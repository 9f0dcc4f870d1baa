using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.ML.Tokenizers;

namespace EntiGraph.Stages.Tokenize;

/// <summary>The chosen tokenizer with its document markers: a document encodes as BOS, its tokens, EOS.</summary>
public sealed class DocumentTokenizer(Tokenizer tokenizer, string name, int bosId, int eosId, int padId, int vocabularySize, string? format = null)
{
    public const string Trained = "train";
    public const string Pretrained = "pretrained";
    public const string EncodingFile = "encoding.json";

    public static readonly IReadOnlyList<string> Choices = [Trained, Pretrained, "cl100k_base", "o200k_base"];

    public string Name { get; } = name;

    /// <summary>For a pretrained tokenizer, the layout it was loaded from (<see cref="PretrainedTokenizer.Format"/>); otherwise null.</summary>
    public string? Format { get; } = format;

    public int BosId { get; } = bosId;

    public int EosId { get; } = eosId;

    public int PadId { get; } = padId;

    public int VocabularySize { get; } = vocabularySize;

    public Tokenizer Tokenizer { get; } = tokenizer;

    /// <summary>Encodes a document as BOS, its tokens, EOS, straight into <paramref name="packer"/>; returns the token count.</summary>
    public int Encode(string text, BlockPacker packer)
    {
        var ids = Tokenizer.EncodeToIds(text);
        packer.Add(BosId);
        // The library returns a List<int>: hand its storage over rather than copy it token by token.
        if (ids is List<int> list)
        {
            packer.Add(CollectionsMarshal.AsSpan(list));
        }
        else
        {
            foreach (var id in ids)
            {
                packer.Add(id);
            }
        }

        packer.Add(EosId);
        return ids.Count + 2;
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

    /// <summary>
    /// Copies the pretrained tokenizer in <paramref name="source"/> to <paramref name="directory"/> and loads
    /// it back from the copy, so the published folder is exactly the tokenizer that produced the shards.
    /// </summary>
    public static DocumentTokenizer FromFolder(string source, string directory)
    {
        PretrainedTokenizer.Load(source).CopyTo(directory);
        var copy = PretrainedTokenizer.Load(directory);
        return new DocumentTokenizer(copy.Tokenizer, Pretrained, copy.Ids.Bos, copy.Ids.Eos, copy.Ids.Pad, copy.VocabularySize, copy.Format);
    }

    /// <summary>A tiktoken encoding; its &lt;|endoftext|&gt; marks both ends of a document, as GPT models use it.</summary>
    public static DocumentTokenizer Tiktoken(string encoding, string directory)
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

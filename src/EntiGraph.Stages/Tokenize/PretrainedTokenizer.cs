using Microsoft.ML.Tokenizers;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// A tokenizer loaded from a model's folder, in the first layout found there: a Hugging Face
/// tokenizer.json (byte-level BPE), a tiktoken-format tokenizer.model (Llama 3), GPT-2's vocab.json with
/// merges.txt, or this project's encoding.json naming a built-in tiktoken encoding.
/// </summary>
/// <remarks>
/// Special tokens written out in a text ("&lt;|begin_of_text|&gt;") are plain text to <see cref="Tokenizer"/>,
/// which encodes documents: a corpus that quotes a control token must not inject it, and the markers a
/// document needs are added by id. <see cref="WithSpecialTokens"/> reads them as the special tokens, for
/// prompts and chat templates written as text. The built-in tiktoken encodings are the exception: the
/// library reads &lt;|endoftext|&gt; in text as the special token, and both properties give that tokenizer.
/// </remarks>
public sealed class PretrainedTokenizer
{
    public const string TokenizerJsonFile = "tokenizer.json";
    public const string TiktokenFile = "tokenizer.model";
    public const string VocabFile = "vocab.json";
    public const string MergesFile = "merges.txt";

    private readonly Lazy<Tokenizer> _withSpecialTokens;

    internal PretrainedTokenizer(
        string format,
        IReadOnlyList<string> files,
        Tokenizer tokenizer,
        Func<Tokenizer> withSpecialTokens,
        IReadOnlyDictionary<string, int> specialTokens,
        SpecialTokenIds ids,
        int vocabularySize)
    {
        Format = format;
        Files = files;
        Tokenizer = tokenizer;
        _withSpecialTokens = new Lazy<Tokenizer>(withSpecialTokens);
        SpecialTokens = specialTokens;
        Ids = ids;
        VocabularySize = vocabularySize;
    }

    /// <summary>Which layout was loaded: tokenizer.json, tiktoken, vocab.json+merges.txt or encoding.json.</summary>
    public string Format { get; }

    /// <summary>The files that define the tokenizer, tokenizer_config.json included when the folder has one.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Encodes text with special-token strings as ordinary text.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>Encodes text with special-token strings as their ids; built on first use.</summary>
    public Tokenizer WithSpecialTokens => _withSpecialTokens.Value;

    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    public SpecialTokenIds Ids { get; }

    /// <summary>One more than the largest id, special tokens included.</summary>
    public int VocabularySize { get; }

    /// <summary>Loads the tokenizer in <paramref name="folder"/>; what is missing or malformed is an error naming the file (and line).</summary>
    public static PretrainedTokenizer Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(File.Exists(folder)
                ? $"{folder}: a file; give the folder that holds the tokenizer files"
                : $"{folder}: no such tokenizer folder");
        }

        string In(string name) => Path.Combine(folder, name);
        if (File.Exists(In(TokenizerJsonFile)))
        {
            return HuggingFaceTokenizerJson.Load(folder);
        }

        if (File.Exists(In(TiktokenFile)))
        {
            return TiktokenModelFile.Load(folder);
        }

        if (File.Exists(In(VocabFile)) && File.Exists(In(MergesFile)))
        {
            return Gpt2VocabFiles.Load(folder);
        }

        if (File.Exists(In(DocumentTokenizer.EncodingFile)))
        {
            return BuiltInEncodingFile.Load(folder);
        }

        var half = File.Exists(In(VocabFile)) ? $" ({VocabFile} is there but {MergesFile} is not)"
            : File.Exists(In(MergesFile)) ? $" ({MergesFile} is there but {VocabFile} is not)"
            : "";
        throw new FileNotFoundException(
            $"{folder}: no tokenizer found{half}; looked for {TokenizerJsonFile}, {TiktokenFile}, {VocabFile} with {MergesFile}, and {DocumentTokenizer.EncodingFile}");
    }

    /// <summary>
    /// Copies the defining files into <paramref name="directory"/>, and writes a tokenizer_config.json
    /// when the folder had none, so that the copy loads with the same BOS, EOS and PAD.
    /// </summary>
    public void CopyTo(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in Files)
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        var config = Path.Combine(directory, SpecialTokenIds.ConfigFile);
        if (!File.Exists(config) && Format != BuiltInEncodingFile.Format)
        {
            File.WriteAllText(config, SpecialTokenIds.ConfigJson(Ids.BosToken, Ids.EosToken, Ids.PadToken));
        }
    }
}

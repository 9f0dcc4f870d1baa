using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// Reads the encoding.json the tokenize stage writes for a built-in tiktoken encoding (cl100k_base,
/// o200k_base), so that an experiment can take its tokenizer from another that used one.
/// The library's encodings read &lt;|endoftext|&gt; in text as the special token; that is kept as it is.
/// </summary>
internal static class BuiltInEncodingFile
{
    public const string Format = DocumentTokenizer.EncodingFile;

    public static PretrainedTokenizer Load(string folder)
    {
        var path = Path.Combine(folder, DocumentTokenizer.EncodingFile);
        using var document = TokenizerJson.Parse(path);
        var root = document.RootElement;
        var encoding = root.ValueKind == JsonValueKind.Object ? TokenizerJson.OptionalString(root, "encoding") : null;
        if (encoding is null || !DocumentTokenizer.Choices.Contains(encoding) || encoding is DocumentTokenizer.Trained or DocumentTokenizer.Pretrained)
        {
            throw new InvalidDataException($"{path}: encoding: expected one of cl100k_base, o200k_base");
        }

        var tokenizer = TiktokenTokenizer.CreateForEncoding(encoding);
        var special = tokenizer.SpecialTokens!;
        const string EndOfText = "<|endoftext|>";
        var endOfText = special[EndOfText];
        var ids = new SpecialTokenIds(endOfText, endOfText, endOfText, EndOfText, EndOfText, EndOfText);
        return new PretrainedTokenizer(Format, [path], tokenizer, () => tokenizer, special, ids, special.Values.Max() + 1);
    }
}

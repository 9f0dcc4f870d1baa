using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// The GPT-2 split of text into chunks that merges never cross: English contractions, letters, digits
/// and other symbols each with at most one leading space, and runs of whitespace. The trainer and the
/// loaded tokenizer must split identically, so both take the pattern from here.
/// </summary>
internal static partial class Gpt2PreTokenizer
{
    [GeneratedRegex(@"'(?:s|t|re|ve|m|ll|d)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    public static partial Regex Pattern();

    public static IEnumerable<string> Split(string text)
    {
        for (var match = Pattern().Match(text); match.Success; match = match.NextMatch())
        {
            yield return match.Value;
        }
    }

    /// <summary>The same split for Microsoft.ML.Tokenizers; no special tokens, so literal "&lt;|eos|&gt;" in a document stays text.</summary>
    public static PreTokenizer ForTokenizer() => new RegexPreTokenizer(Pattern(), specialTokens: null);
}

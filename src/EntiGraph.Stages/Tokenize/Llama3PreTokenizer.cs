using System.Text.RegularExpressions;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// Llama 3's split of text into chunks that merges never cross. Unlike GPT-2's: contractions in any case,
/// a letter run takes one leading non-letter (not only a space), digits go in groups of at most three,
/// and line breaks stay with the punctuation or whitespace before them.
/// </summary>
internal static partial class Llama3PreTokenizer
{
    [GeneratedRegex(@"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    public static partial Regex Pattern();
}

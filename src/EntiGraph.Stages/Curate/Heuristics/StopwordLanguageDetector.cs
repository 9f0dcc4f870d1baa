namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// A small stand-in for fastText <c>lid.176</c> that tells English from everything else by the share of
/// very common English function words ("the", "of", "and", "is", "which", …) among the words of the
/// page, mapped to a probability with a logistic curve. English prose has 35–50% of such words, English
/// web text with lists and menus 15–30%; other languages have almost none, because the list leaves out
/// the words English shares with its neighbours ("a", "in", "on", "an", "so", "no", "die", "do", "me").
/// </summary>
/// <remarks>
/// Limits, which is why it is a stand-in: it answers only "en" or "und" (undetermined), never another
/// language; it judges vocabulary, not orthography, so a list of English nouns without function words
/// (a product table, a keyword page) reads as not English where lid.176 would say English, and a
/// non-English page quoting a lot of English reads as English; below about twenty words its answer is
/// noise. Words are runs of letters; in scripts written without spaces (Han, kana, Thai, Lao, Khmer,
/// Myanmar) every character counts as a word, so that such a page cannot look English on the strength
/// of a few embedded English words. Newlines separate words (DCLM's lid step deletes them, gluing the
/// last word of a line to the first of the next; that only matters for fastText score parity).
/// </remarks>
public sealed class StopwordLanguageDetector : ILanguageDetector
{
    public static StopwordLanguageDetector Instance { get; } = new();

    /// <summary>The share of function words where the probability of English is one half.</summary>
    public const double Midpoint = 0.10;

    /// <summary>How fast the probability rises with the share (per unit of share).</summary>
    public const double Steepness = 40;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FunctionWords = new HashSet<string>(
    [
        "the", "of", "and", "to", "is", "was", "that", "for", "it", "with", "as", "be", "by", "are", "this", "at", "from",
        "or", "have", "has", "had", "not", "but", "they", "he", "she", "his", "her", "you", "we", "which", "were", "been",
        "their", "there", "will", "would", "can", "could", "should", "what", "when", "who", "all", "more", "if", "about",
        "into", "than", "them", "these", "its", "our", "your", "does", "did", "out", "just", "only", "some", "other", "then",
        "how", "any", "each", "after", "before", "because", "those", "such", "very", "most", "over", "between", "where",
        "while", "both", "through", "being", "my", "him",
    ], StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private const int LongestFunctionWord = 7;

    public (string Language, double Probability) Detect(string text)
    {
        var share = FunctionWordShare(text, out var words);
        if (words == 0)
        {
            return ("und", 1.0);
        }

        var english = 1.0 / (1.0 + Math.Exp(-Steepness * (share - Midpoint)));
        return english >= 0.5 ? ("en", english) : ("und", 1.0 - english);
    }

    /// <summary>Function words over all words, and the number of words.</summary>
    public static double FunctionWordShare(ReadOnlySpan<char> text, out int words)
    {
        words = 0;
        var function = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!char.IsLetter(c))
            {
                i++;
                continue;
            }

            if (c >= 0x0E00 && IsUnspacedScript(c))
            {
                words++;
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetter(text[i]) && !(text[i] >= 0x0E00 && IsUnspacedScript(text[i])))
            {
                i++;
            }

            words++;
            if (i - start <= LongestFunctionWord && FunctionWords.Contains(text[start..i]))
            {
                function++;
            }
        }

        return words == 0 ? 0 : (double)function / words;
    }

    private static bool IsUnspacedScript(char c) =>
        c is (>= '\u0E00' and <= '\u0EFF') or (>= '\u1000' and <= '\u109F') or (>= '\u1780' and <= '\u17FF')
            or (>= '\u2E80' and <= '\u2FDF') or (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF')
            or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF66' and <= '\uFF9F');
}

using System.Text;

namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// What the page-level quality filters measure, in one pass over the whitespace-separated tokens (DCLM's
/// <c>str.split()</c>): the token count and mean length, tokens without a letter, stop words, and the
/// "words" of the page-length filter and the removal cap, which are the tokens that start with a letter
/// or a digit (DCLM counts fastText tokens and drops those whose first character is not alphanumeric).
/// Lengths are in code points, as Python counts.
/// </summary>
internal readonly record struct TokenStatistics(int Tokens, long TokenCodePoints, int Words, int NonAlphabetic, int StopWords)
{
    public double MeanTokenLength => Tokens == 0 ? 0 : (double)TokenCodePoints / Tokens;

    public static TokenStatistics Measure(ReadOnlySpan<char> text, StopWordSet? stopWords)
    {
        int tokens = 0, words = 0, nonAlphabetic = 0, stop = 0;
        long codePoints = 0;
        var seen = stopWords is { Distinct: true } ? new bool[stopWords.Count] : null;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var hasLetter = false;
            var lowSurrogates = 0;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                var c = text[i];
                if (c < 128)
                {
                    hasLetter |= char.IsAsciiLetter(c);
                }
                else if (char.IsLowSurrogate(c))
                {
                    lowSurrogates++;
                    hasLetter |= i > start && char.IsHighSurrogate(text[i - 1]) && Rune.IsLetter(new Rune(text[i - 1], c));
                }
                else
                {
                    hasLetter |= char.IsLetter(c);
                }

                i++;
            }

            var token = text[start..i];
            tokens++;
            codePoints += token.Length - lowSurrogates;
            if (!hasLetter)
            {
                nonAlphabetic++;
            }

            if (StartsAlphanumeric(token))
            {
                words++;
            }

            if (stopWords is not null && stopWords.IndexOf(token) is var index and >= 0)
            {
                if (seen is null)
                {
                    stop++;
                }
                else if (!seen[index])
                {
                    seen[index] = true;
                    stop++;
                }
            }
        }

        return new(tokens, codePoints, words, nonAlphabetic, stop);
    }

    /// <summary>The page-length count alone: tokens that start with a letter or a digit.</summary>
    public static int CountWords(ReadOnlySpan<char> text)
    {
        var words = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (StartsAlphanumeric(text[start..i]))
            {
                words++;
            }
        }

        return words;
    }

    private static bool StartsAlphanumeric(ReadOnlySpan<char> token) =>
        char.IsLetterOrDigit(token[0])
        || (token.Length > 1 && char.IsHighSurrogate(token[0]) && char.IsLowSurrogate(token[1]) && Rune.IsLetterOrDigit(new Rune(token[0], token[1])));
}

/// <summary>The stop words, looked up case-insensitively straight from the text.</summary>
internal sealed class StopWordSet
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _longest;

    public StopWordSet(IEnumerable<string> words, bool distinct)
    {
        var dictionary = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in words)
        {
            dictionary.TryAdd(word.ToLowerInvariant(), dictionary.Count);
        }

        _lookup = dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
        _longest = dictionary.Count == 0 ? 0 : dictionary.Keys.Max(k => k.Length);
        Count = dictionary.Count;
        Distinct = distinct;
    }

    public int Count { get; }

    public bool Distinct { get; }

    public int IndexOf(ReadOnlySpan<char> token) => token.Length <= _longest && _lookup.TryGetValue(token, out var index) ? index : -1;
}

using System.Text;
using System.Text.RegularExpressions;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

/// <summary>
/// Builds documents with exactly known counts: made-up words that never repeat (so no n-gram repeats
/// unless a test puts it there), every third word a stop word (so the page reads as English and has
/// its stop words), ten words to a line.
/// </summary>
internal sealed partial class TestText
{
    public static readonly string[] StopWords = ["the", "of", "and", "with", "to", "that"];

    // Real English words a made-up word must not turn into (function words, stop words, counter words).
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "be", "to", "of", "and", "that", "have", "with", "is", "was", "for", "it", "as", "by", "are", "this", "at", "from",
        "or", "has", "had", "not", "but", "they", "he", "she", "his", "her", "you", "we", "which", "were", "been", "their",
        "there", "will", "would", "can", "could", "should", "what", "when", "who", "all", "more", "if", "about", "into", "than",
        "them", "these", "its", "our", "your", "does", "did", "out", "just", "only", "some", "other", "then", "how", "any",
        "each", "after", "before", "because", "those", "such", "very", "most", "over", "between", "where", "while", "both",
        "through", "being", "my", "him", "do", "so", "no", "me", "us", "an", "in", "on", "a", "i",
    };

    private const string Consonants = "bdfgklmnprstvz";
    private const string Vowels = "aeiou";

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _next = [];

    /// <summary>A lowercase letters-only word of exactly <paramref name="length"/> letters, new to this builder.</summary>
    public string Word(int length = 6)
    {
        while (true)
        {
            var index = _next.GetValueOrDefault(length);
            _next[length] = index + 1;
            var chars = new char[length];
            var rest = index;
            for (var i = 0; i < length; i++)
            {
                if (i % 2 == 0)
                {
                    chars[i] = Consonants[rest % Consonants.Length];
                    rest /= Consonants.Length;
                }
                else
                {
                    chars[i] = Vowels[rest % Vowels.Length];
                    rest /= Vowels.Length;
                }
            }

            if (rest > 0)
            {
                throw new InvalidOperationException($"out of {length}-letter words");
            }

            var word = new string(chars);
            if (!Reserved.Contains(word) && _used.Add(word))
            {
                return word;
            }
        }
    }

    /// <summary><paramref name="count"/> tokens: a stop word, then two made-up words, and again.</summary>
    public List<string> Tokens(int count, int wordLength = 6)
    {
        var tokens = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            tokens.Add(i % 3 == 0 ? StopWords[i / 3 % StopWords.Length] : Word(wordLength));
        }

        return tokens;
    }

    /// <summary>Lines of <paramref name="count"/> tokens in all, ten to a line.</summary>
    public List<string> Lines(int count, int wordLength = 6) => Lines(Tokens(count, wordLength));

    public static List<string> Lines(IReadOnlyList<string> tokens, int perLine = 10)
    {
        var lines = new List<string>();
        for (var i = 0; i < tokens.Count; i += perLine)
        {
            lines.Add(string.Join(' ', tokens.Skip(i).Take(perLine)));
        }

        return lines;
    }

    /// <summary>A document of <paramref name="count"/> tokens that passes every heuristic when count is 50 or more.</summary>
    public string Prose(int count, int wordLength = 6) => string.Join('\n', Lines(count, wordLength));

    /// <summary>Letters of the words DCLM's repetition filter counts: here, runs of letters or digits.</summary>
    public static int WordChars(string text) => Words().Matches(text).Sum(m => m.Length);

    [GeneratedRegex(@"[\p{L}\p{Nd}]+")]
    private static partial Regex Words();
}

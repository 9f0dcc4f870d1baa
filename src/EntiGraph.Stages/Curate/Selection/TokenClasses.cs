using EntiGraph.Stages.Curate.Quality;

namespace EntiGraph.Stages.Curate.Selection;

/// <summary>
/// ETA-DACP-ent's diversity without a part-of-speech tagger: each token falls into one of 16 coarse,
/// part-of-speech-like classes, and a document's diversity is the entropy of its class distribution
/// divided by ln 16, in [0, 1]. Prose that mixes function words, verbs, nouns and punctuation scores
/// high; keyword lists, number tables and symbol runs score low.
///
/// Tokens: a word is a maximal run of letters and digits; every other non-space character is a token
/// of its own. Classes, first match wins:
/// number (starts with a digit); determiner, pronoun, preposition, conjunction, auxiliary or modal verb
/// (closed word lists below, case-insensitive); capitalised (a word starting upper case);
/// adverb (-ly), gerund or participle (-ing), past form (-ed), noun suffix (-tion -sion -ment -ness
/// -ity -ance -ence -ism -ship), adjective suffix (-ous -ful -ive -able -ible -al -ic -less), for words
/// longer than the suffix by at least two letters; any other word; sentence end (. ! ?); other
/// punctuation (Unicode punctuation categories); symbol (everything else: $ # | © and the like).
/// </summary>
internal static class TokenClasses
{
    public const int Count = 16;

    private const byte Number = 0, Determiner = 1, Pronoun = 2, Preposition = 3, Conjunction = 4, Auxiliary = 5,
        Capitalised = 6, Adverb = 7, Gerund = 8, Past = 9, NounSuffix = 10, AdjectiveSuffix = 11, OtherWord = 12,
        SentenceEnd = 13, Punctuation = 14, Symbol = 15;

    // Longer than every closed-class word, so longer words skip the lookup.
    private const int LongestClosedWord = 12;

    private static readonly Dictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> ClosedWords = BuildClosedWords();

    private static readonly string[] NounSuffixes = ["tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ship"];
    private static readonly string[] AdjectiveSuffixes = ["ous", "ful", "ive", "able", "ible", "al", "ic", "less"];

    /// <summary>The normalised entropy of the text's token classes; 0 for a text with fewer than two classes.</summary>
    public static double Diversity(ReadOnlySpan<char> text)
    {
        Span<long> counts = stackalloc long[Count];
        Span<char> lower = stackalloc char[64];
        long total = 0;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (HashedWords.IsWordChar(c))
            {
                var start = i;
                while (i < text.Length && HashedWords.IsWordChar(text[i]))
                {
                    i++;
                }

                counts[ClassifyWord(text[start..i], lower)]++;
                total++;
            }
            else
            {
                i++;
                if (!char.IsWhiteSpace(c))
                {
                    counts[c is '.' or '!' or '?' ? SentenceEnd : char.IsPunctuation(c) ? Punctuation : Symbol]++;
                    total++;
                }
            }
        }

        if (total == 0)
        {
            return 0;
        }

        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / total;
                entropy -= p * Math.Log(p);
            }
        }

        return entropy / Math.Log(Count);
    }

    private static byte ClassifyWord(ReadOnlySpan<char> word, Span<char> lower)
    {
        if (char.IsDigit(word[0]))
        {
            return Number;
        }

        if (word.Length > lower.Length)
        {
            return OtherWord;
        }

        var lowered = lower[..word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            lowered[i] = HashedWords.Lower(word[i]);
        }

        if (word.Length <= LongestClosedWord && ClosedWords.TryGetValue(lowered, out var closed))
        {
            return closed;
        }

        if (char.IsUpper(word[0]))
        {
            return Capitalised;
        }

        if (HasSuffix(lowered, "ly"))
        {
            return Adverb;
        }

        if (HasSuffix(lowered, "ing"))
        {
            return Gerund;
        }

        if (HasSuffix(lowered, "ed"))
        {
            return Past;
        }

        foreach (var suffix in NounSuffixes)
        {
            if (HasSuffix(lowered, suffix))
            {
                return NounSuffix;
            }
        }

        foreach (var suffix in AdjectiveSuffixes)
        {
            if (HasSuffix(lowered, suffix))
            {
                return AdjectiveSuffix;
            }
        }

        return OtherWord;
    }

    private static bool HasSuffix(ReadOnlySpan<char> word, string suffix) =>
        word.Length >= suffix.Length + 2 && word.EndsWith(suffix, StringComparison.Ordinal);

    private static Dictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> BuildClosedWords()
    {
        var words = new Dictionary<string, byte>(StringComparer.Ordinal);
        void Add(byte tokenClass, string list)
        {
            foreach (var word in list.Split(' '))
            {
                words[word] = tokenClass;
            }
        }

        Add(Determiner, "the a an this that these those each every some any no all both either neither another such");
        Add(Pronoun, "i you he she it we they me him her us them my your his its our their mine yours hers ours theirs " +
            "myself yourself himself herself itself ourselves themselves who whom whose which what");
        Add(Preposition, "of in on at by for with from to into onto over under between through about after before during " +
            "without within against among across along around behind beyond upon via toward towards near above below");
        Add(Conjunction, "and or but nor so yet because although though while if unless since whereas than whether");
        Add(Auxiliary, "is are was were be been being am has have had do does did can could will would shall should may might must");
        return words.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}

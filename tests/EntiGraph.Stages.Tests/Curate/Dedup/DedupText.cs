using EntiGraph.Stages.Curate.Dedup;

namespace EntiGraph.Stages.Tests.Curate.Dedup;

/// <summary>Seeded made-up text: 5,000 invented words, so that two random 13-grams never meet by chance.</summary>
internal static class DedupText
{
    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "pl"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ou"];

    public static readonly string[] Vocabulary = BuildVocabulary(5000);

    public static string[] WordList(Random random, int count)
    {
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = Vocabulary[random.Next(Vocabulary.Length)];
        }

        return words;
    }

    public static string Words(Random random, int count) => string.Join(' ', WordList(random, count));

    /// <summary>A paragraph of sentences: capitalised, with commas and full stops, as prose has.</summary>
    public static string Paragraph(Random random, int words)
    {
        var list = WordList(random, words);
        for (var i = 0; i < list.Length; i += 8)
        {
            list[i] = char.ToUpperInvariant(list[i][0]) + list[i][1..];
            var last = Math.Min(i + 7, list.Length - 1);
            list[last] += last == list.Length - 1 || random.Next(2) == 0 ? "." : ",";
        }

        return string.Join(' ', list);
    }

    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var bounds = new WordBounds(text);
        while (bounds.MoveNext())
        {
            tokens.Add(bounds.Current.ToString());
        }

        return tokens;
    }

    private static string[] BuildVocabulary(int count)
    {
        var random = new Random(20240611);
        var words = new HashSet<string>();
        while (words.Count < count)
        {
            var syllables = random.Next(1, 4);
            var word = "";
            for (var i = 0; i < syllables; i++)
            {
                word += Onsets[random.Next(Onsets.Length)] + Vowels[random.Next(Vowels.Length)];
            }

            words.Add(word);
        }

        return [.. words.Order(StringComparer.Ordinal)];
    }
}

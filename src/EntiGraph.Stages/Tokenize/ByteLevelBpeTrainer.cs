using System.Text;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// Learns a byte-level BPE vocabulary: the three special tokens, the 256 bytes, then one token per merge,
/// each merge the most frequent adjacent pair over the pre-tokenized corpus. Ties go to the pair whose
/// token strings sort first (ordinal), so the result depends only on the texts and the vocabulary size.
/// </summary>
internal sealed class ByteLevelBpeTrainer(int vocabularySize)
{
    public const int MinimumVocabularySize = ByteLevelBpeModel.FirstByteId + 256;

    /// <summary>A pre-tokenized chunk, as token ids, and how often it occurs in the corpus.</summary>
    private sealed class Word(int[] symbols, long count)
    {
        public List<int> Symbols { get; } = [.. symbols];

        public long Count { get; } = count;
    }

    public ByteLevelBpeModel Train(IEnumerable<string> texts)
    {
        if (vocabularySize < MinimumVocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), $"a byte-level vocabulary needs at least {MinimumVocabularySize} tokens (3 special + 256 bytes), not {vocabularySize}");
        }

        var tokens = new List<string>(ByteLevelBpeModel.SpecialTokens);
        for (var b = 0; b < 256; b++)
        {
            tokens.Add(ByteLevelAlphabet.CharOf((byte)b).ToString());
        }

        var ids = tokens.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var words = CountWords(texts);
        var pairs = new Dictionary<(int Left, int Right), long>();
        var wordsWithPair = new Dictionary<(int Left, int Right), HashSet<int>>();
        for (var w = 0; w < words.Count; w++)
        {
            AddPairs(words[w], w, +1, pairs, wordsWithPair);
        }

        var merges = new List<(int Left, int Right)>();
        while (tokens.Count < vocabularySize)
        {
            var best = Best(pairs, tokens);
            // A pair seen once saves nothing: stop rather than pad the vocabulary with one-off merges.
            if (best is not { } pair || pairs[pair] < 2)
            {
                break;
            }

            // Two merge paths can spell the same string ("ab"+"c", "a"+"bc"): they share one id.
            var text = tokens[pair.Left] + tokens[pair.Right];
            if (!ids.TryGetValue(text, out var merged))
            {
                merged = tokens.Count;
                ids[text] = merged;
                tokens.Add(text);
            }

            merges.Add(pair);
            // Ordered so that the (order-independent) counts are also built in a reproducible order.
            foreach (var w in wordsWithPair[pair].Order().ToList())
            {
                var word = words[w];
                AddPairs(word, w, -1, pairs, wordsWithPair);
                Merge(word.Symbols, pair, merged);
                AddPairs(word, w, +1, pairs, wordsWithPair);
            }

            wordsWithPair.Remove(pair);
        }

        return new ByteLevelBpeModel(tokens, merges.Select(m => (tokens[m.Left], tokens[m.Right])).ToList());
    }

    private static List<Word> CountWords(IEnumerable<string> texts)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var chunk in Gpt2PreTokenizer.Split(text))
            {
                counts[chunk] = counts.GetValueOrDefault(chunk) + 1;
            }
        }

        return counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new Word(Encoding.UTF8.GetBytes(c.Key).Select(b => ByteLevelBpeModel.FirstByteId + b).ToArray(), c.Value))
            .ToList();
    }

    private static void AddPairs(Word word, int index, int sign, Dictionary<(int, int), long> pairs, Dictionary<(int, int), HashSet<int>> wordsWithPair)
    {
        for (var i = 0; i + 1 < word.Symbols.Count; i++)
        {
            var pair = (word.Symbols[i], word.Symbols[i + 1]);
            var count = pairs.GetValueOrDefault(pair) + (sign * word.Count);
            if (count == 0)
            {
                pairs.Remove(pair);
            }
            else
            {
                pairs[pair] = count;
            }

            if (sign > 0)
            {
                if (!wordsWithPair.TryGetValue(pair, out var set))
                {
                    wordsWithPair[pair] = set = [];
                }

                set.Add(index);
            }
        }
    }

    // Left to right, as the encoder applies a merge: in "aaa" the pair (a, a) merges once, at the start.
    private static void Merge(List<int> symbols, (int Left, int Right) pair, int merged)
    {
        for (var i = 0; i + 1 < symbols.Count; i++)
        {
            if (symbols[i] == pair.Left && symbols[i + 1] == pair.Right)
            {
                symbols[i] = merged;
                symbols.RemoveAt(i + 1);
            }
        }
    }

    private static (int Left, int Right)? Best(Dictionary<(int Left, int Right), long> pairs, List<string> tokens)
    {
        (int Left, int Right)? best = null;
        var bestCount = 0L;
        foreach (var (pair, count) in pairs)
        {
            if (best is not { } current || count > bestCount || (count == bestCount && Before(pair, current, tokens)))
            {
                best = pair;
                bestCount = count;
            }
        }

        return best;
    }

    private static bool Before((int Left, int Right) a, (int Left, int Right) b, List<string> tokens)
    {
        var left = string.CompareOrdinal(tokens[a.Left], tokens[b.Left]);
        return left != 0 ? left < 0 : string.CompareOrdinal(tokens[a.Right], tokens[b.Right]) < 0;
    }
}

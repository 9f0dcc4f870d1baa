using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace EntiGraph.Stages.Curate.Decontamination;

/// <summary>
/// Finds training documents that share a word n-gram (13 by default, as in GPT-3 and DCLM) with the
/// evaluation questions or their options: a model that trained on such a document could answer from
/// memory. n-grams are hashed (XxHash64 over lower-cased words), so the index stays small.
/// </summary>
public sealed class Decontaminator
{
    private readonly int _n;
    private readonly Dictionary<ulong, string> _ngrams = [];

    public Decontaminator(int n) => _n = n > 0 ? n : throw new ArgumentOutOfRangeException(nameof(n));

    public int IndexedNGrams => _ngrams.Count;

    /// <summary>Adds an evaluation text; <paramref name="label"/> names it in matches (e.g. a question id).</summary>
    public void Index(string label, string text)
    {
        foreach (var hash in NGramHashes(text))
        {
            _ngrams.TryAdd(hash, label);
        }
    }

    /// <summary>The evaluation texts this document shares an n-gram with, in first-match order.</summary>
    public IReadOnlyList<string> Matches(string text)
    {
        var found = new List<string>();
        foreach (var hash in NGramHashes(text))
        {
            if (_ngrams.TryGetValue(hash, out var label) && !found.Contains(label))
            {
                found.Add(label);
            }
        }

        return found;
    }

    private IEnumerable<ulong> NGramHashes(string text)
    {
        var words = Words(text);
        var builder = new StringBuilder();
        for (var i = 0; i + _n <= words.Count; i++)
        {
            builder.Clear();
            for (var j = i; j < i + _n; j++)
            {
                builder.Append(words[j]).Append(' ');
            }

            yield return XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(builder.ToString()));
        }
    }

    // Letters and digits only, lower-cased: punctuation and spacing must not hide a copied passage.
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}

namespace EntiGraph.Stages.Tests.Curate.Dedup;

/// <summary>
/// The paper's paragraph-and-document rule written the slow, obvious way, with an exact set of
/// n-grams instead of a Bloom filter: the reference the real implementation must agree with.
/// <paramref name="insertRemoved"/> switches to naive insertion (a dropped paragraph's n-grams go
/// into the set anyway), which old-both exists to avoid.
/// </summary>
internal sealed class ExactSetBff(int n = 13, double threshold = 0.8, bool insertRemoved = false)
{
    private readonly HashSet<string> _seen = [];

    public (string? Text, int ParagraphsRemoved) Process(string text)
    {
        var kept = new List<string>();
        var removed = 0;
        var total = 0;
        var totalSeen = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            var tokens = DedupText.Tokens(paragraph);
            var ngrams = new List<string>();
            for (var i = 0; i + n <= tokens.Count; i++)
            {
                ngrams.Add(string.Join('\u0001', tokens.Skip(i).Take(n)));
            }

            var seen = ngrams.Count(_seen.Contains);
            total += ngrams.Count;
            totalSeen += seen;
            var drop = ngrams.Count > 0 && (double)seen / ngrams.Count > threshold;
            if (drop)
            {
                removed++;
            }
            else
            {
                kept.Add(paragraph);
            }

            if (!drop || insertRemoved)
            {
                _seen.UnionWith(ngrams);
            }
        }

        if (total > 0 && (double)totalSeen / total > threshold)
        {
            return (null, removed);
        }

        if (removed == 0)
        {
            return (text, 0);
        }

        var result = string.Join('\n', kept);
        return (string.IsNullOrWhiteSpace(result) ? null : result, removed);
    }
}

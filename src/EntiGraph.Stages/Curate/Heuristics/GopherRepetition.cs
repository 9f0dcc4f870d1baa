namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// Gopher's repetition filters in DCLM's order: duplicate lines and paragraphs by count, then by
/// characters; the character share of the most frequent 2-, 3- and 4-gram (a tie goes to the longest);
/// the share of word characters covered by repeated 5- to 10-grams. A text with a single line (or
/// paragraph) passes that granularity; n-grams are over <see cref="UnicodeWords"/>, case-sensitive.
/// </summary>
/// <remarks>
/// The n-grams of each length are numbered exactly, one level from the last: an n-gram is the pair
/// (its (n-1)-gram's number, its last word's number). An n-gram whose (n-1)-gram occurs once occurs
/// once itself, so those positions skip the table, and the work past the bigrams is proportional to
/// the repeated text only. Segment lengths are in UTF-16 units (Python counts code points; they differ
/// only outside the Basic Multilingual Plane), word lengths in code points.
/// </remarks>
internal sealed class GopherRepetition(HeuristicSettings settings, Func<string, bool> isOn)
{
    private const int MaxN = 10;

    private readonly bool[] _topOn = [.. Enumerable.Range(2, 3).Select(n => isOn(HeuristicRule.TopNgram(n)))];
    private readonly bool[] _duplicateOn = [.. Enumerable.Range(5, 6).Select(n => isOn(HeuristicRule.DuplicateNgram(n)))];
    private readonly bool _linesOn = isOn(HeuristicRule.DuplicateLines);
    private readonly bool _paragraphsOn = isOn(HeuristicRule.DuplicateParagraphs);
    private readonly bool _lineCharsOn = isOn(HeuristicRule.DuplicateLineChars);
    private readonly bool _paragraphCharsOn = isOn(HeuristicRule.DuplicateParagraphChars);
    private readonly bool _anyNgramRule = Enumerable.Range(2, 3).Select(HeuristicRule.TopNgram)
        .Concat(Enumerable.Range(5, 6).Select(HeuristicRule.DuplicateNgram))
        .Any(isOn);

    /// <summary>The first repetition rule the text breaks, or null; <paramref name="lines"/> are the text's (<see cref="TextSegments.Lines"/>).</summary>
    public string? Check(string text, List<TextSpan> lines, HeuristicScratch scratch)
    {
        if (_linesOn || _paragraphsOn || _lineCharsOn || _paragraphCharsOn)
        {
            var paragraphs = scratch.Paragraphs;
            TextSegments.Paragraphs(text, paragraphs);
            var line = Duplicates(text, lines, scratch);
            var paragraph = Duplicates(text, paragraphs, scratch);
            if (_linesOn && line.CountRatio > settings.MaxDuplicateLineRatio)
            {
                return HeuristicRule.DuplicateLines;
            }

            if (_paragraphsOn && paragraph.CountRatio > settings.MaxDuplicateParagraphRatio)
            {
                return HeuristicRule.DuplicateParagraphs;
            }

            if (_lineCharsOn && line.CharRatio > settings.MaxDuplicateLineCharRatio)
            {
                return HeuristicRule.DuplicateLineChars;
            }

            if (_paragraphCharsOn && paragraph.CharRatio > settings.MaxDuplicateParagraphCharRatio)
            {
                return HeuristicRule.DuplicateParagraphChars;
            }
        }

        return _anyNgramRule ? CheckNgrams(text, scratch) : null;
    }

    /// <summary>
    /// The shares of segments (by count) and of segment characters that belong to repeated segments.
    /// One segment passes (0); none fails (1), as an empty page does in DCLM.
    /// </summary>
    private static (double CountRatio, double CharRatio) Duplicates(string text, List<TextSpan> segments, HeuristicScratch scratch)
    {
        switch (segments.Count)
        {
            case 0:
                return (1, 1);
            case 1:
                return (0, 0);
        }

        var interner = scratch.Spans;
        interner.Reset(text, segments.Count);
        var ids = scratch.Ids(segments.Count);
        var counts = scratch.Counts(segments.Count);
        long totalChars = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var id = interner.Intern(segments[i]);
            if (id == interner.Count - 1)
            {
                counts[id] = 0;
            }

            counts[id]++;
            ids[i] = id;
            totalChars += segments[i].Length;
        }

        long repeated = 0, repeatedChars = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            if (counts[ids[i]] > 1)
            {
                repeated++;
                repeatedChars += segments[i].Length;
            }
        }

        return ((double)repeated / segments.Count, totalChars == 0 ? 0 : (double)repeatedChars / totalChars);
    }

    private string? CheckNgrams(string text, HeuristicScratch scratch)
    {
        var words = scratch.Words;
        UnicodeWords.Split(text, words);
        var count = words.Count;
        if (count < 2)
        {
            return null;
        }

        var prefix = scratch.Prefix(count + 1);
        prefix[0] = 0;
        for (var i = 0; i < count; i++)
        {
            prefix[i + 1] = prefix[i] + words.CodePoints[i];
        }

        double totalChars = prefix[count];
        var wordIds = scratch.Ids(count);
        var interner = scratch.Spans;
        interner.Reset(text, count);
        for (var i = 0; i < count; i++)
        {
            wordIds[i] = interner.Intern(new TextSpan(words.Starts[i], words.Lengths[i]));
        }

        var (previous, current) = scratch.Levels(count);
        Array.Copy(wordIds, previous, count);
        var pairs = scratch.Pairs;
        for (var n = 2; n <= MaxN; n++)
        {
            var positions = count - n + 1;
            if (positions <= 0)
            {
                return null;
            }

            var counts = scratch.Counts(positions);
            pairs.Reset(positions);
            for (var i = 0; i < positions; i++)
            {
                if (previous[i] < 0)
                {
                    current[i] = -1;
                    continue;
                }

                var id = pairs.Intern(previous[i], wordIds[i + n - 1]);
                if (id == pairs.Count - 1)
                {
                    counts[id] = 0;
                }

                counts[id]++;
                current[i] = id;
            }

            var mostFrequent = 1;
            for (var i = 0; i < positions; i++)
            {
                if (current[i] >= 0)
                {
                    var c = counts[current[i]];
                    if (c == 1)
                    {
                        current[i] = -1;
                    }
                    else if (c > mostFrequent)
                    {
                        mostFrequent = c;
                    }
                }
            }

            // Nothing of this length repeats, so nothing longer does either.
            if (mostFrequent == 1)
            {
                return null;
            }

            if (n <= 4 && _topOn[n - 2])
            {
                long longest = 0;
                for (var i = 0; i < positions; i++)
                {
                    if (current[i] >= 0 && counts[current[i]] == mostFrequent)
                    {
                        longest = Math.Max(longest, prefix[i + n] - prefix[i]);
                    }
                }

                if (longest * mostFrequent / totalChars > settings.MaxTopNgramCharRatio[n - 2])
                {
                    return HeuristicRule.TopNgram(n);
                }
            }
            else if (n >= 5 && _duplicateOn[n - 5])
            {
                long covered = 0;
                var coveredUntil = 0;
                for (var i = 0; i < positions; i++)
                {
                    if (current[i] >= 0)
                    {
                        var from = Math.Max(i, coveredUntil);
                        coveredUntil = i + n;
                        covered += prefix[coveredUntil] - prefix[from];
                    }
                }

                if (covered / totalChars > settings.MaxDuplicateNgramCharRatio[n - 5])
                {
                    return HeuristicRule.DuplicateNgram(n);
                }
            }

            (previous, current) = (current, previous);
        }

        return null;
    }
}

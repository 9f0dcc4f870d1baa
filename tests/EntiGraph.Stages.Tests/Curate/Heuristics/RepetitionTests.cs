using EntiGraph.Stages.Curate.Heuristics;
using static EntiGraph.Stages.Tests.Curate.Heuristics.Run;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

/// <summary>Gopher's repetition table, each row with a document on either side of its threshold.</summary>
public sealed class RepetitionTests
{
    [Theory]
    [InlineData(6, true)]
    [InlineData(7, false)]
    public void Duplicate_lines_by_count_at_most_thirty_percent(int copies, bool keep)
    {
        // 14 distinct lines and `copies` copies of a short one, never two copies in a row: 6/20 = 0.30, 7/21 = 0.33.
        var lines = new TestText().Lines(140);
        for (var i = 0; i < copies; i++)
        {
            lines.Insert(1 + (i * 2), "Share this page");
        }

        Assert.Equal(copies, lines.Count(l => l == "Share this page"));
        Expect(keep, HeuristicRule.DuplicateLines, Default(string.Join('\n', lines)));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Duplicate_paragraphs_by_count_at_most_thirty_percent(int copies, bool keep)
    {
        // 7 distinct paragraphs of 4 lines and `copies` copies of a one-line paragraph: 3/10 = 0.30, 4/11 = 0.36.
        var text = new TestText();
        var paragraphs = Enumerable.Range(0, 7).Select(_ => string.Join('\n', text.Lines(40))).ToList();
        for (var i = 0; i < copies; i++)
        {
            paragraphs.Insert(1 + (i * 2), "Share this page");
        }

        Expect(keep, HeuristicRule.DuplicateParagraphs, Default(string.Join("\n\n", paragraphs)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Duplicate_lines_by_characters_at_most_twenty_percent(int extra, bool keep)
    {
        // Two copies of a line that is mostly punctuation (so that it adds characters to the lines but
        // few to the words) among 8 distinct lines: 2D / (U + 2D) <= 0.2 exactly when D <= U / 8.
        var lines = new TestText().Lines(80);
        var unique = lines.Sum(l => l.Length);
        var length = (unique / 8) + extra;
        var duplicate = "Next page " + new string('=', length - "Next page  back".Length) + " back";
        Assert.Equal(length, duplicate.Length);
        lines.Insert(2, duplicate);
        lines.Insert(6, duplicate);

        var ratio = 2.0 * length / (unique + (2.0 * length));
        Assert.Equal(keep, ratio <= 0.2);
        Expect(keep, HeuristicRule.DuplicateLineChars, Default(string.Join('\n', lines)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Duplicate_paragraphs_by_characters_at_most_twenty_percent(int extra, bool keep)
    {
        // The repeated paragraph is two short lines with a deep indent between them: its lines are a
        // small share of the line characters, the paragraph (indent included) a large share of the paragraph characters.
        var text = new TestText();
        var paragraphs = Enumerable.Range(0, 8).Select(_ => string.Join('\n', text.Lines(20))).ToList();
        var unique = paragraphs.Sum(p => p.Length);
        var length = (unique / 8) + extra;
        var duplicate = "Next page\n" + new string(' ', length - "Next page\nback home".Length) + "back home";
        Assert.Equal(length, duplicate.Length);
        paragraphs.Insert(2, duplicate);
        paragraphs.Insert(6, duplicate);

        Expect(keep, HeuristicRule.DuplicateParagraphChars, Default(string.Join("\n\n", paragraphs)));
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(4, false)]
    public void Most_frequent_ngram_takes_at_most_its_share(int n, bool keep)
    {
        double[] thresholds = [0.20, 0.18, 0.16];
        var threshold = thresholds[n - 2];

        // An n-gram of new words repeated six times, each copy starting one of the first six lines, in prose just long
        // enough (keep) or one word too short (reject) for its share to stay under the threshold.
        var document = Boundary(words =>
        {
            var text = new TestText();
            var gram = string.Join(' ', Enumerable.Range(0, n).Select(_ => text.Word(7)));
            var lines = text.Lines(words);
            for (var i = 0; i < 6; i++)
            {
                lines[i] = gram + " " + lines[i];
            }

            var share = 6.0 * TestText.WordChars(gram) / TestText.WordChars(string.Join('\n', lines));
            return (string.Join('\n', lines), share);
        }, threshold, keep);

        Expect(keep, HeuristicRule.TopNgram(n), Default(document));
    }

    [Fact]
    public void A_tie_for_most_frequent_ngram_counts_the_longest()
    {
        // Two bigrams, each five times; the short one comes first (so it is the first of the most
        // frequent, as Python's Counter orders a tie). Its share alone passes, the long one's does not.
        var text = new TestText();
        var shortGram = text.Word(3) + " " + text.Word(3);
        var longGram = text.Word(9) + " " + text.Word(9);
        var lines = text.Lines(60);
        for (var i = 0; i < 5; i++)
        {
            var tokens = lines[i].Split(' ');
            lines[i] = string.Join(' ', [shortGram, .. tokens[..5], longGram, .. tokens[5..]]);
        }

        var document = string.Join('\n', lines);
        var total = TestText.WordChars(document);
        Assert.True(5.0 * 6 / total <= 0.2);
        Assert.True(5.0 * 18 / total > 0.2);
        Rejected(HeuristicRule.TopNgram(2), Default(document));
        Kept(With(new HeuristicSettings { MaxTopNgramCharRatio = [5.0 * 18 / total, 0.18, 0.16] }, document));
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(6, false)]
    [InlineData(7, true)]
    [InlineData(7, false)]
    [InlineData(8, true)]
    [InlineData(8, false)]
    [InlineData(9, true)]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(10, false)]
    public void Repeated_ngrams_cover_at_most_their_share(int n, bool keep)
    {
        double[] thresholds = [0.15, 0.14, 0.13, 0.12, 0.11, 0.10];
        var threshold = thresholds[n - 5];

        // An n-gram of new words twice, opening and closing the page, in prose of the right length:
        // everything shorter repeats too but within its own (higher) threshold, nothing longer repeats.
        var document = Boundary(words =>
        {
            var text = new TestText();
            var gram = string.Join(' ', Enumerable.Range(0, n).Select(_ => text.Word(6)));
            var lines = text.Lines(words);
            lines[0] = gram + " " + lines[0];
            lines[^1] = lines[^1] + " " + gram;
            var share = 2.0 * TestText.WordChars(gram) / TestText.WordChars(string.Join('\n', lines));
            return (string.Join('\n', lines), share);
        }, threshold, keep);

        Expect(keep, HeuristicRule.DuplicateNgram(n), Default(document));
    }

    [Fact]
    public void Overlapping_repeats_count_each_word_once()
    {
        // A six-word run twice: its two 5-grams overlap, so each copy covers six words, not ten
        // (which would put the share over 0.15).
        var text = new TestText();
        var run = string.Join(' ', Enumerable.Range(0, 6).Select(_ => text.Word(6)));
        var lines = text.Lines(100);
        lines[0] = run + " " + lines[0];
        lines[^1] = lines[^1] + " " + run;
        var document = string.Join('\n', lines);
        var share = 2.0 * 36 / TestText.WordChars(document);
        Assert.InRange(share, 0.12, 0.14);
        Kept(Default(document));
    }

    [Fact]
    public void A_single_line_document_passes_the_line_checks()
    {
        var document = string.Join(' ', new TestText().Tokens(80));
        Assert.DoesNotContain('\n', document);
        Kept(Default(document));
    }

    /// <summary>
    /// The document of the fewest prose words whose share is at most the threshold (keep), or of one
    /// word fewer, whose share is above it (reject).
    /// </summary>
    private static string Boundary(Func<int, (string Text, double Share)> make, double threshold, bool keep)
    {
        for (var words = 61; words < 5000; words++)
        {
            var (text, share) = make(words);
            if (share <= threshold)
            {
                var (shorter, shorterShare) = make(words - 1);
                Assert.True(shorterShare > threshold);
                return keep ? text : shorter;
            }
        }

        throw new InvalidOperationException("no document length meets the threshold");
    }

    private static void Expect(bool keep, string rule, HeuristicResult result)
    {
        if (keep)
        {
            Kept(result);
        }
        else
        {
            Rejected(rule, result);
        }
    }
}

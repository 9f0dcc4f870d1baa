using EntiGraph.Stages.Curate.Dedup;

namespace EntiGraph.Stages.Tests.Curate.Dedup;

public sealed class BloomParagraphDedupTests
{
    // Small enough to allocate in a blink, large enough that a false positive never shows up here.
    private static BloomParagraphDedup New() => new(new BloomDedupSettings { ExpectedNGrams = 1_000_000 });

    [Fact]
    public void A_paragraph_repeated_in_a_later_document_is_removed_and_the_rest_kept()
    {
        var random = new Random(1);
        var (shared, a, b, c) = (DedupText.Paragraph(random, 40), DedupText.Paragraph(random, 40), DedupText.Paragraph(random, 40), DedupText.Paragraph(random, 40));
        var dedup = New();

        Assert.Equal(new BloomDedupResult($"{a}\n{shared}", 0), dedup.Process($"{a}\n{shared}"));
        Assert.Equal(new BloomDedupResult($"{b}\n{c}", 1), dedup.Process($"{b}\n{shared}\n{c}"));
    }

    [Fact]
    public void Blank_lines_around_a_removed_paragraph_stay()
    {
        var random = new Random(2);
        var (shared, b, c) = (DedupText.Paragraph(random, 30), DedupText.Paragraph(random, 30), DedupText.Paragraph(random, 30));
        var dedup = New();
        dedup.Process(shared);

        Assert.Equal(new BloomDedupResult($"{b}\n\n\n{c}", 1), dedup.Process($"{b}\n\n{shared}\n\n{c}"));
    }

    [Fact]
    public void A_whole_duplicated_document_is_removed_every_time_it_comes_back()
    {
        var random = new Random(3);
        var document = string.Join('\n', DedupText.Paragraph(random, 30), DedupText.Paragraph(random, 50), DedupText.Paragraph(random, 20));
        var dedup = New();

        Assert.Equal(new BloomDedupResult(document, 0), dedup.Process(document));
        Assert.Equal(new BloomDedupResult(null, 3), dedup.Process(document));
        Assert.Equal(new BloomDedupResult(null, 3), dedup.Process(document));
    }

    [Fact]
    public void The_document_rule_removes_a_copy_whose_short_paragraphs_alone_would_survive()
    {
        var random = new Random(4);
        var copied = DedupText.Paragraph(random, 60);
        var dedup = New();
        dedup.Process(copied);

        // The two short lines have fewer than 13 tokens and are never checked; every n-gram of the
        // document was seen, so the document goes as a whole.
        var result = dedup.Process($"Fresh words here.\n{copied}\nAnd a short farewell.");

        Assert.Equal(new BloomDedupResult(null, 1), result);
    }

    [Fact]
    public void A_paragraph_repeated_inside_one_document_is_removed_the_second_time()
    {
        var random = new Random(5);
        var paragraph = DedupText.Paragraph(random, 40);

        Assert.Equal(new BloomDedupResult(paragraph, 1), New().Process($"{paragraph}\n{paragraph}"));
    }

    [Fact]
    public void A_paragraph_goes_only_when_strictly_more_than_the_threshold_was_seen()
    {
        var words = DedupText.WordList(new Random(6), 22);
        var original = string.Join(' ', words[..20]);

        // 20 tokens: 8 n-grams, all seen; two new tokens add 2 unseen: 8/10 = 0.8, not above 0.8.
        var atThreshold = New();
        atThreshold.Process(original);
        var tenNGrams = string.Join(' ', words);
        Assert.Equal(new BloomDedupResult(tenNGrams, 0), atThreshold.Process(tenNGrams));

        // One new token: 8/9 ≈ 0.89, above it.
        var above = New();
        above.Process(original);
        Assert.Equal(new BloomDedupResult(null, 1), above.Process(string.Join(' ', words[..21])));
    }

    [Fact]
    public void Removed_paragraphs_leave_no_ngrams_behind_old_both()
    {
        // t1..t40 is seen first. B = t1..t40 u1..u4 has 32 n-grams, 28 seen (0.875): dropped, and
        // under old-both its 4 new n-grams (those reaching into u1..u4) are not inserted.
        // C = t21..t40 u1..u4 v1 v2 has 14 n-grams: 8 lie in t and 4 are B's new ones, 2 are new.
        // Old-both has seen 8/14 ≈ 0.57 of them and keeps C; naive insertion would have seen
        // 12/14 ≈ 0.86 and dropped it.
        var words = DedupText.WordList(new Random(7), 46);
        string Join(Range range) => string.Join(' ', words[range]);
        var t = Join(0..40);
        var b = Join(0..44);
        var c = $"{Join(20..44)} {Join(44..46)}";
        var filler = DedupText.Paragraph(new Random(8), 40);
        var dedup = New();
        var naive = new ExactSetBff(insertRemoved: true);
        var exact = new ExactSetBff();

        foreach (var model in new Func<string, (string?, int)>[] { s => Pair(dedup.Process(s)), naive.Process, exact.Process })
        {
            Assert.Equal((t, 0), model(t));
            Assert.Equal((filler, 1), model($"{b}\n{filler}"));
        }

        Assert.Equal(new BloomDedupResult(c, 0), dedup.Process(c));
        Assert.Equal((c, 0), exact.Process(c));
        Assert.Equal((null, 1), naive.Process(c));

        // C was kept, so its n-grams went in: a fourth copy is removed.
        Assert.Equal(new BloomDedupResult(null, 1), dedup.Process(c));
    }

    [Fact]
    public void Agrees_with_an_exact_set_reference_on_a_corpus_with_planted_duplicates()
    {
        var corpus = PlantedCorpus(new Random(9), 400);
        var dedup = New();
        var exact = new ExactSetBff();
        var naive = new ExactSetBff(insertRemoved: true);

        var results = corpus.Select(dedup.Process).Select(Pair).ToList();
        var expected = corpus.Select(exact.Process).ToList();
        var naiveResults = corpus.Select(naive.Process).ToList();

        Assert.Equal(expected, results);
        var removedDocuments = results.Count(r => r.Text is null);
        var removedParagraphs = results.Sum(r => r.ParagraphsRemoved);
        Assert.InRange(removedDocuments, 50, 100);
        Assert.InRange(removedParagraphs, 300, 500);
        Assert.True(results.Count(r => r.Text is not null && r.ParagraphsRemoved > 0) >= 100, "many documents lose only some paragraphs");
        Assert.True(naiveResults.Sum(r => r.ParagraphsRemoved) > removedParagraphs, "the corpus separates old-both from naive insertion");
    }

    [Fact]
    public void The_same_input_gives_the_same_decisions()
    {
        var corpus = PlantedCorpus(new Random(10), 200);
        var first = New();
        var second = New();

        Assert.Equal(corpus.Select(first.Process).ToList(), corpus.Select(second.Process).ToList());
    }

    [Fact]
    public void Clearly_different_documents_are_all_kept_unchanged()
    {
        var random = new Random(11);
        var dedup = New();
        for (var i = 0; i < 500; i++)
        {
            var document = string.Join('\n', Enumerable.Range(0, random.Next(1, 6)).Select(_ => DedupText.Paragraph(random, random.Next(5, 120))));
            Assert.Equal(new BloomDedupResult(document, 0), dedup.Process(document));
        }

        foreach (var document in Prose)
        {
            Assert.Equal(new BloomDedupResult(document, 0), dedup.Process(document));
        }
    }

    [Fact]
    public void Punctuation_marks_are_tokens_so_twelve_words_and_a_full_stop_are_checked()
    {
        const string twelveWords = "one two three four five six seven eight nine ten eleven twelve";
        var withStop = New();
        withStop.Process(twelveWords + ".");
        Assert.Equal(new BloomDedupResult(null, 1), withStop.Process(twelveWords + "."));

        var without = New();
        without.Process(twelveWords);
        Assert.Equal(new BloomDedupResult(twelveWords, 0), without.Process(twelveWords));
    }

    [Fact]
    public void Tokens_are_compared_exactly_so_a_change_of_case_is_new_text()
    {
        var paragraph = DedupText.Paragraph(new Random(12), 30);
        var dedup = New();
        dedup.Process(paragraph);

        Assert.Equal(new BloomDedupResult(paragraph.ToUpperInvariant(), 0), dedup.Process(paragraph.ToUpperInvariant()));
    }

    [Fact]
    public void Empty_and_blank_texts_pass_through()
    {
        var dedup = New();

        Assert.Equal(new BloomDedupResult("", 0), dedup.Process(""));
        Assert.Equal(new BloomDedupResult("\n \n", 0), dedup.Process("\n \n"));
    }

    [Fact]
    public void Disabled_it_passes_every_text_through_and_allocates_no_filter()
    {
        var dedup = new BloomParagraphDedup(new BloomDedupSettings { Enabled = false });
        var paragraph = DedupText.Paragraph(new Random(13), 30);

        Assert.Null(dedup.Filter);
        Assert.Equal(new BloomDedupResult(paragraph, 0), dedup.Process(paragraph));
        Assert.Equal(new BloomDedupResult(paragraph, 0), dedup.Process(paragraph));
    }

    [Fact]
    public void A_shorter_ngram_setting_checks_shorter_paragraphs()
    {
        var dedup = new BloomParagraphDedup(new BloomDedupSettings { NGram = 3, ExpectedNGrams = 1000 });
        dedup.Process("red green blue");

        Assert.Equal(new BloomDedupResult(null, 1), dedup.Process("red green blue"));
        Assert.Equal(new BloomDedupResult("red green yellow", 0), dedup.Process("red green yellow"));
    }

    private static (string? Text, int ParagraphsRemoved) Pair(BloomDedupResult result) => (result.Text, result.ParagraphsRemoved);

    // Each paragraph is new, a copy of an earlier one, an edited copy (a few words changed, or a
    // few added or cut), or a short line that is never checked.
    private static List<string> PlantedCorpus(Random random, int documents)
    {
        var paragraphs = new List<string>();
        var corpus = new List<string>();
        for (var d = 0; d < documents; d++)
        {
            var parts = new List<string>();
            for (var p = random.Next(1, 6); p > 0; p--)
            {
                var roll = random.NextDouble();
                string paragraph;
                if (paragraphs.Count == 0 || roll < 0.45)
                {
                    paragraph = DedupText.Paragraph(random, random.Next(13, 80));
                    paragraphs.Add(paragraph);
                }
                else if (roll < 0.65)
                {
                    paragraph = paragraphs[random.Next(paragraphs.Count)];
                }
                else if (roll < 0.9)
                {
                    paragraph = Edit(random, paragraphs[random.Next(paragraphs.Count)]);
                    paragraphs.Add(paragraph);
                }
                else
                {
                    paragraph = DedupText.Words(random, random.Next(1, 10));
                }

                parts.Add(paragraph);
            }

            corpus.Add(string.Join('\n', parts));
        }

        return corpus;
    }

    private static string Edit(Random random, string paragraph)
    {
        var words = paragraph.Split(' ').ToList();
        switch (random.Next(3))
        {
            case 0:
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    words[random.Next(words.Count)] = DedupText.Vocabulary[random.Next(DedupText.Vocabulary.Length)];
                }

                break;
            case 1:
                words.AddRange(DedupText.WordList(random, random.Next(1, 8)));
                break;
            default:
                words.RemoveRange(0, Math.Min(words.Count - 1, random.Next(1, 6)));
                break;
        }

        return string.Join(' ', words);
    }

    private static readonly string[] Prose =
    [
        "In this article we describe how the harbour of Lake Orrin was dredged in the spring, and why the work took two years longer than the council had planned.",
        "In this article we describe how the mill at Tallow Works turned from grinding grain to spinning wool, and what the change meant for the families who lived beside it.",
        "The committee met on Tuesday evening to discuss the budget for the coming year.\nIt agreed to fund the new library wing, but only after a long debate about the roof.",
        "The committee met on Thursday morning to hear the engineers explain the flood barrier.\nThey showed that the barrier would hold a surge twice the height of the one in 1953.",
        "Ida Crane kept a diary for forty years; its pages record the weather, the price of bread, and every ship that came into the harbour while she lived above the customs house.",
        "Photosynthesis converts light energy into chemical energy stored in glucose, releasing oxygen as a by-product of splitting water molecules inside the chloroplast.",
    ];
}

using EntiGraph.Stages.Curate.Dedup;

namespace EntiGraph.Stages.Tests.Curate.Dedup;

public sealed class MinHashDedupTests
{
    private static readonly MinHashSettings On = new() { Enabled = true };

    [Fact]
    public void Copies_with_a_few_words_changed_are_duplicates_of_the_first_kept_document()
    {
        var random = new Random(41);
        var dedup = new MinHashDedup(On);
        var originals = Enumerable.Range(0, 20).Select(_ => DedupText.WordList(random, 300)).ToList();
        for (var i = 0; i < originals.Count; i++)
        {
            Assert.False(dedup.IsDuplicate($"doc{i}", string.Join(' ', originals[i])));
        }

        for (var i = 0; i < originals.Count; i++)
        {
            var edited = (string[])originals[i].Clone();
            for (var change = 0; change < 5; change++)
            {
                edited[random.Next(edited.Length)] = DedupText.Vocabulary[random.Next(DedupText.Vocabulary.Length)];
            }

            Assert.True(dedup.IsDuplicate($"near{i}", string.Join(' ', edited)));
            Assert.Equal($"doc{i}", dedup.LastMatch);
        }
    }

    [Fact]
    public void A_duplicate_adds_nothing_so_later_matches_point_at_the_kept_document()
    {
        var words = DedupText.WordList(new Random(42), 200);
        var dedup = new MinHashDedup(On);
        var tail = string.Join(' ', words[20..]);

        Assert.False(dedup.IsDuplicate("kept", string.Join(' ', words)));
        Assert.True(dedup.IsDuplicate("copy", tail));
        Assert.Equal("kept", dedup.LastMatch);
        Assert.True(dedup.IsDuplicate("copy-again", tail));
        Assert.Equal("kept", dedup.LastMatch);
    }

    [Fact]
    public void Clearly_different_documents_are_all_kept()
    {
        var random = new Random(43);
        var dedup = new MinHashDedup(On);
        for (var i = 0; i < 1000; i++)
        {
            Assert.False(dedup.IsDuplicate($"doc{i}", DedupText.Paragraph(random, random.Next(20, 400))));
        }
    }

    [Fact]
    public void Pairs_sharing_a_third_of_their_words_match_about_as_rarely_as_the_banding_says()
    {
        // Each pair shares 100 of its 300 words: 96 of 296 shingles, Jaccard ≈ 96/496 ≈ 0.19, so a
        // pair shares a band with probability 1 − (1 − 0.19^5)^20 ≈ 0.55%: about 2 in 400.
        var random = new Random(44);
        var matches = 0;
        for (var i = 0; i < 400; i++)
        {
            var dedup = new MinHashDedup(On);
            var shared = DedupText.Words(random, 100);
            dedup.IsDuplicate("a", $"{shared} {DedupText.Words(random, 200)}");
            if (dedup.IsDuplicate("b", $"{shared} {DedupText.Words(random, 200)}"))
            {
                matches++;
            }
        }

        Assert.InRange(matches, 0, 8);
    }

    [Fact]
    public void The_signature_estimates_the_jaccard_similarity_of_the_shingles()
    {
        var words = DedupText.WordList(new Random(45), 400);
        var a = string.Join(' ', words[..300]);
        var b = string.Join(' ', words[100..]);
        var dedup = new MinHashDedup(On with { Bands = 50, Rows = 10 });
        var (sa, sb) = (new uint[500], new uint[500]);
        Assert.True(dedup.Sign(a, sa));
        Assert.True(dedup.Sign(b, sb));

        // 196 shared shingles out of 296 + 296 − 196 = 396: J ≈ 0.495; 500 rows give ±0.022.
        Assert.InRange(MinHashDedup.Similarity(sa, sb), 0.43, 0.56);
    }

    [Fact]
    public void Case_and_punctuation_do_not_change_the_signature()
    {
        var dedup = new MinHashDedup(On);
        var (a, b) = (new uint[100], new uint[100]);
        dedup.Sign("The cat sat on the mat, and then it slept.", a);
        dedup.Sign("the CAT sat -- on the mat and then, it slept", b);

        Assert.Equal(a, b);
    }

    [Fact]
    public void The_same_seed_gives_the_same_signatures_and_decisions_and_another_seed_other_signatures()
    {
        var texts = NearDuplicateCorpus(new Random(46));
        var first = new MinHashDedup(On);
        var second = new MinHashDedup(On);
        var reseeded = new MinHashDedup(On with { Seed = 7 });

        var decisions = texts.Select((t, i) => first.IsDuplicate($"{i}", t)).ToList();
        Assert.Equal(decisions, texts.Select((t, i) => second.IsDuplicate($"{i}", t)));
        Assert.Equal(decisions, texts.Select((t, i) => reseeded.IsDuplicate($"{i}", t)));
        Assert.Equal(30, decisions.Count(d => d));

        var (a, b, c) = (new uint[100], new uint[100], new uint[100]);
        first.Sign(texts[0], a);
        second.Sign(texts[0], b);
        reseeded.Sign(texts[0], c);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void A_text_shorter_than_a_shingle_is_one_shingle_and_a_text_without_words_is_never_a_duplicate()
    {
        var dedup = new MinHashDedup(On);

        Assert.False(dedup.IsDuplicate("a", "Hello world"));
        Assert.True(dedup.IsDuplicate("b", "hello, world!"));
        Assert.False(dedup.IsDuplicate("c", "hello there world"));
        Assert.False(dedup.IsDuplicate("d", "-- !"));
        Assert.False(dedup.IsDuplicate("e", "-- !"));
        Assert.False(dedup.IsDuplicate("f", ""));
    }

    [Fact]
    public void Disabled_by_default_nothing_is_a_duplicate()
    {
        var dedup = new MinHashDedup(new MinHashSettings());

        Assert.False(dedup.IsDuplicate("a", "the same text twice over and over"));
        Assert.False(dedup.IsDuplicate("b", "the same text twice over and over"));
    }

    [Fact]
    public void Impossible_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinHashDedup(On with { Rows = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinHashDedup(On with { ShingleSize = 0 }));
    }

    // 30 originals, each followed by one copy with two words changed: 30 duplicates in all.
    private static List<string> NearDuplicateCorpus(Random random)
    {
        var texts = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var words = DedupText.WordList(random, 150);
            texts.Add(string.Join(' ', words));
            words[random.Next(words.Length)] = "changed";
            words[random.Next(words.Length)] = "altered";
            texts.Add(string.Join(' ', words));
        }

        return texts;
    }
}

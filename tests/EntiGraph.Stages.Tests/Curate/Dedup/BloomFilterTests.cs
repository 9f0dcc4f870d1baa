using EntiGraph.Stages.Curate.Dedup;

namespace EntiGraph.Stages.Tests.Curate.Dedup;

public sealed class BloomFilterTests
{
    [Fact]
    public void The_paper_settings_give_a_12_megabyte_filter_with_7_probes()
    {
        Assert.Equal((95_850_624L, 7), BloomFilter.Dimensions(10_000_000, 0.01));
        Assert.Equal((958_528L, 7), BloomFilter.Dimensions(100_000, 0.01));
        Assert.Equal((1_437_760L, 10), BloomFilter.Dimensions(100_000, 0.001));
    }

    [Fact]
    public void Filled_to_its_expected_count_it_answers_wrongly_about_one_time_in_a_hundred()
    {
        const int expected = 100_000;
        var filter = new BloomFilter(expected, 0.01);
        var random = new Random(31);
        var inserted = RandomNGrams(random, expected);
        foreach (var ngram in inserted)
        {
            filter.Add(ngram);
        }

        Assert.All(inserted, ngram => Assert.True(filter.Contains(ngram)));

        const int probes = 200_000;
        var falsePositives = RandomNGrams(random, probes).Count(filter.Contains);
        var rate = (double)falsePositives / probes;

        // Theory at this size: fill 1 − e^(−kn/m) ≈ 0.518, false positives ≈ 0.518^7 ≈ 0.0100.
        Assert.InRange(filter.FillRatio(), 0.513, 0.523);
        Assert.InRange(rate, 0.0085, 0.0115);
    }

    [Fact]
    public void Half_filled_it_answers_wrongly_far_less_often()
    {
        var filter = new BloomFilter(100_000, 0.01);
        var random = new Random(32);
        foreach (var ngram in RandomNGrams(random, 50_000))
        {
            filter.Add(ngram);
        }

        var rate = (double)RandomNGrams(random, 200_000).Count(filter.Contains) / 200_000;

        // (1 − e^(−7·50000/958528))^7 ≈ 0.00025.
        Assert.InRange(rate, 0.00005, 0.0004);
    }

    [Fact]
    public void A_filter_too_large_for_one_array_is_refused_with_advice()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BloomFilter(2_000_000_000_000, 0.01));

        Assert.Contains("shard the data", error.Message);
    }

    // n-grams of 13 random invented words, hashed as the paragraph dedup hashes them.
    private static List<UInt128> RandomNGrams(Random random, int count)
    {
        var ngrams = new List<UInt128>(count);
        Span<ulong> tokens = stackalloc ulong[13];
        for (var i = 0; i < count; i++)
        {
            for (var t = 0; t < tokens.Length; t++)
            {
                tokens[t] = BloomParagraphDedup.TokenHash(DedupText.Vocabulary[random.Next(DedupText.Vocabulary.Length)]);
            }

            ngrams.Add(BloomParagraphDedup.NGramHash(tokens));
        }

        return ngrams;
    }
}

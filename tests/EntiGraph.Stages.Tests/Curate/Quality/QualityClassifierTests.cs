using EntiGraph.Stages.Curate.Quality;

namespace EntiGraph.Stages.Tests.Curate.Quality;

public sealed class QualityClassifierTests
{
    private static readonly List<string> Positives = PlantedCorpus.Clean(60, PlantedCorpus.TrainTopics, seed: 1);
    private static readonly List<string> Negatives = PlantedCorpus.Noisy(60, PlantedCorpus.TrainProducts, seed: 2);
    private static readonly List<string> HeldOutClean = PlantedCorpus.Clean(20, PlantedCorpus.HeldOutTopics, seed: 3);
    private static readonly List<string> HeldOutNoisy = PlantedCorpus.Noisy(20, PlantedCorpus.HeldOutProducts, seed: 4);

    private static readonly QualitySettings Small = new() { Buckets = 1 << 16 };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Separates_clean_prose_from_web_noise_on_held_out_topics(bool bigrams)
    {
        var classifier = QualityClassifier.Train(Positives, Negatives, new QualitySettings { Bigrams = bigrams }, seed: 7);

        var clean = HeldOutClean.Select(classifier.Score).ToList();
        var noisy = HeldOutNoisy.Select(classifier.Score).ToList();
        var correct = clean.Count(s => s > 0.5) + noisy.Count(s => s < 0.5);

        Assert.Equal(40, clean.Count + noisy.Count);
        Assert.True(correct >= 36, $"held-out accuracy {correct}/40");
        Assert.True(clean.Min() > noisy.Max(), $"lowest clean {clean.Min():F3}, highest noisy {noisy.Max():F3}");
        Assert.All(clean.Concat(noisy), s => Assert.InRange(s, 0.0, 1.0));
    }

    [Fact]
    public void The_same_seed_trains_the_same_model_bit_for_bit()
    {
        var first = QualityClassifier.Train(Positives, Negatives, Small, seed: 11);
        var second = QualityClassifier.Train(Positives, Negatives, Small, seed: 11);
        var other = QualityClassifier.Train(Positives, Negatives, Small, seed: 12);

        var texts = HeldOutClean.Concat(HeldOutNoisy).ToList();
        Assert.Equal(texts.Select(first.Score), texts.Select(second.Score));
        Assert.Equal(Bytes(first), Bytes(second));
        // The seed orders the SGD steps, so another seed lands on (slightly) different weights.
        Assert.NotEqual(texts.Select(first.Score), texts.Select(other.Score));
    }

    [Fact]
    public void Save_and_load_give_identical_scores()
    {
        var classifier = QualityClassifier.Train(Positives, Negatives, Small, seed: 5);
        var bytes = Bytes(classifier);

        var loaded = QualityClassifier.Load(new MemoryStream(bytes));

        Assert.Equal("EGQC"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, BitConverter.ToInt32(bytes, 4));
        Assert.Equal(1 << 16, BitConverter.ToInt32(bytes, 8));
        foreach (var text in HeldOutClean.Concat(HeldOutNoisy).Append(""))
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(classifier.Score(text)), BitConverter.DoubleToInt64Bits(loaded.Score(text)));
        }

        Assert.Equal(bytes, Bytes(loaded));
    }

    [Fact]
    public void Load_rejects_what_is_not_a_classifier()
    {
        var bytes = Bytes(QualityClassifier.Train(["a clear explanation of the idea."], ["buy cheap buy"], Small, seed: 1));

        var wrongMagic = (byte[])bytes.Clone();
        wrongMagic[0] = (byte)'X';
        var wrongVersion = (byte[])bytes.Clone();
        wrongVersion[4] = 9;

        Assert.Contains("EGQC", Assert.Throws<InvalidDataException>(() => QualityClassifier.Load(new MemoryStream(wrongMagic))).Message);
        Assert.Contains("version 9", Assert.Throws<InvalidDataException>(() => QualityClassifier.Load(new MemoryStream(wrongVersion))).Message);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => QualityClassifier.Load(new MemoryStream(bytes[..^3]))).Message);
    }

    [Fact]
    public void Words_are_lower_cased_and_punctuation_separates_them()
    {
        var classifier = QualityClassifier.Train(Positives, Negatives, Small, seed: 3);

        Assert.Equal(classifier.Score("The cell copies the gene."), classifier.Score("the CELL copies\nthe   gene"));
        Assert.NotEqual(classifier.Score("the cell copies the gene"), classifier.Score("gene the copies cell the"));
    }

    [Fact]
    public void Training_needs_both_classes()
    {
        var error = Assert.Throws<ArgumentException>(() => QualityClassifier.Train(Positives, [], Small, seed: 1));
        Assert.Contains("0 negative", error.Message);
        Assert.Throws<ArgumentException>(() => QualityClassifier.Train(Positives, Negatives, Small with { LearningRate = 0 }, seed: 1));
    }

    private static byte[] Bytes(QualityClassifier classifier)
    {
        using var stream = new MemoryStream();
        classifier.Save(stream);
        return stream.ToArray();
    }
}

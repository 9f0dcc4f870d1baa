using System.Text;

namespace EntiGraph.Stages.Curate.Quality;

/// <summary>
/// A fastText-style linear quality classifier: logistic regression over hashed counts of lower-cased
/// word unigrams and (optionally) bigrams, each document's count vector scaled to unit length (see
/// <see cref="QualityFeatures"/>). Training is plain SGD on the log loss over the positives (label 1,
/// "hq") and negatives (label 0, "cc") in a seeded shuffle per epoch, with the step decaying linearly
/// from the learning rate to zero as fastText does. Everything runs on one thread in a fixed order, so
/// a seed gives the same weights, bit for bit, on every run.
/// </summary>
public sealed class QualityClassifier
{
    // The format: magic, version, buckets (int32), bigrams (byte), bias (double), the number of nonzero
    // weights (int32), then each as (bucket int32, weight double) in ascending bucket order; little endian.
    private static readonly byte[] Magic = "EGQC"u8.ToArray();
    private const int FormatVersion = 1;

    private readonly double[] _weights;
    private readonly int _buckets;
    private readonly bool _bigrams;
    private double _bias;

    private QualityClassifier(int buckets, bool bigrams, double[] weights, double bias)
    {
        _buckets = buckets;
        _bigrams = bigrams;
        _weights = weights;
        _bias = bias;
    }

    public static QualityClassifier Train(IReadOnlyList<string> positives, IReadOnlyList<string> negatives, QualitySettings settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(negatives);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (positives.Count == 0 || negatives.Count == 0)
        {
            throw new ArgumentException(
                $"the quality classifier needs both positive and negative documents (got {positives.Count} positive, {negatives.Count} negative)");
        }

        var model = new QualityClassifier(settings.Buckets, settings.Bigrams, new double[settings.Buckets], 0);
        var examples = positives.Count + negatives.Count;
        var order = new int[examples];
        for (var i = 0; i < examples; i++)
        {
            order[i] = i;
        }

        var random = new Random(seed);
        var totalSteps = (double)settings.Epochs * examples;
        var step = 0L;
        using var features = new QualityFeatures();
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            Shuffle(order, random);
            foreach (var index in order)
            {
                var positive = index < positives.Count;
                var text = positive ? positives[index] : negatives[index - positives.Count];
                var rate = settings.LearningRate * (1.0 - step++ / totalSteps);
                model.Update(features, text, positive ? 1.0 : 0.0, rate);
            }
        }

        return model;
    }

    /// <summary>P(high quality) for a document, in [0, 1].</summary>
    public double Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var features = new QualityFeatures();
        return Sigmoid(Logit(features, text));
    }

    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(_buckets);
        writer.Write(_bigrams ? (byte)1 : (byte)0);
        writer.Write(_bias);
        var nonzero = 0;
        foreach (var weight in _weights)
        {
            nonzero += IsZero(weight) ? 0 : 1;
        }

        writer.Write(nonzero);
        for (var i = 0; i < _weights.Length; i++)
        {
            if (!IsZero(_weights[i]))
            {
                writer.Write(i);
                writer.Write(_weights[i]);
            }
        }
    }

    public static QualityClassifier Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("not a quality classifier (the file does not start with EGQC)");
            }

            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"quality classifier format version {version} is not supported (this build reads version {FormatVersion})");
            }

            var buckets = reader.ReadInt32();
            if (buckets < 1)
            {
                throw new InvalidDataException($"quality classifier: invalid bucket count {buckets}");
            }

            var bigrams = reader.ReadByte() switch
            {
                0 => false,
                1 => true,
                var other => throw new InvalidDataException($"quality classifier: invalid bigram flag {other}"),
            };
            var bias = reader.ReadDouble();
            var nonzero = reader.ReadInt32();
            if (nonzero < 0 || nonzero > buckets)
            {
                throw new InvalidDataException($"quality classifier: invalid weight count {nonzero} for {buckets} buckets");
            }

            var weights = new double[buckets];
            var last = -1;
            for (var n = 0; n < nonzero; n++)
            {
                var bucket = reader.ReadInt32();
                if (bucket <= last || bucket >= buckets)
                {
                    throw new InvalidDataException($"quality classifier: weight bucket {bucket} is out of order or range");
                }

                weights[bucket] = reader.ReadDouble();
                last = bucket;
            }

            return new QualityClassifier(buckets, bigrams, weights, bias);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("quality classifier: the file is truncated", e);
        }
    }

    private double Logit(QualityFeatures features, string text)
    {
        features.Load(text, _buckets, _bigrams);
        if (features.Count == 0)
        {
            return _bias;
        }

        var buckets = features.Buckets;
        var counts = features.Counts;
        var dot = 0.0;
        for (var i = 0; i < buckets.Length; i++)
        {
            dot += _weights[buckets[i]] * counts[i];
        }

        return _bias + dot / features.Norm;
    }

    private void Update(QualityFeatures features, string text, double label, double rate)
    {
        // The gradient of the log loss with respect to the logit is p - y.
        var gradient = Sigmoid(Logit(features, text)) - label;
        if (features.Count > 0)
        {
            var scale = rate * gradient / features.Norm;
            var buckets = features.Buckets;
            var counts = features.Counts;
            for (var i = 0; i < buckets.Length; i++)
            {
                _weights[buckets[i]] -= scale * counts[i];
            }
        }

        _bias -= rate * gradient;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));

    private static bool IsZero(double value) => BitConverter.DoubleToInt64Bits(value) == 0;

    private static void Shuffle(int[] order, Random random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}

using EntiGraph.Stages.Compare;

namespace EntiGraph.Stages.Tests.Compare;

/// <summary>Fixed rows shaped like the EntiGraph paper's table: base, Raw CPT, Rephrase CPT, EntiGraph CPT.</summary>
internal static class ComparisonRows
{
    public static ComparisonRow Row(string experiment, string method, long steps, long synthetic, double acc, double chance = 0.25) => new()
    {
        Experiment = experiment,
        Method = method,
        TrainSteps = steps,
        TrainedTokens = steps * 4_352,
        SyntheticTokens = synthetic,
        ValidationLoss = 4.5,
        MultipleChoice = new MultipleChoiceScores(103, acc, 0.0428, acc - 0.02, 0.0417, chance),
        DomainPerplexity = new PerplexityScore(experiment, 2_048, 4.2, 69.45 - steps / 10.0),
        ReferencePerplexity = new PerplexityScore("tiny-base", 4_096, 3.9, 49.01 + steps / 100.0),
        EvaluateKey = $"{experiment.Length:x2}{new string('a', 62)}",
    };

    public static List<ComparisonRow> Paper() =>
    [
        Row("entigraph-tiny-base", "entigraph", steps: 0, synthetic: 0, acc: 0.2524),
        Row("entigraph-tiny-raw", "raw", steps: 96, synthetic: 61_440, acc: 0.2621),
        Row("entigraph-tiny-rephrase", "rephrase", steps: 40, synthetic: 10_250, acc: 0.2718),
        Row("entigraph-tiny", "entigraph", steps: 120, synthetic: 52_736, acc: 0.3107),
    ];

    public static GenerativeScores Generative(double acc) => new(103, 97, 6, acc, 0.046, acc * 97 / 103, 0.044);
}

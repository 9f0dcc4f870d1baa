namespace EntiGraph.Stages.Compare;

/// <summary>The multiple_choice section of eval.json: accuracies as fractions, null where eval.json has none.</summary>
public sealed record MultipleChoiceScores(
    long Questions, double? Acc, double? AccStderr, double? AccNorm, double? AccNormStderr, double? Chance);

/// <summary>The generative section of eval.json: how many answers could be parsed, and the accuracies it reports.</summary>
public sealed record GenerativeScores(
    long Questions, long Parsed, long Unparsed, double? Acc, double? AccStderr, double? AccAll, double? AccAllStderr);

/// <summary>Next-token loss on one held-out text, and whose text it was.</summary>
public sealed record PerplexityScore(string? Experiment, long Tokens, double? Loss, double? Perplexity);

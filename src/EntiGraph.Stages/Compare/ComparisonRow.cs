using System.Text.Json.Serialization;

namespace EntiGraph.Stages.Compare;

/// <summary>
/// One experiment in a comparison: what its model was trained on (from the synthesize, tokenize and train
/// manifests) and how it scored (from eval.json), all read from the artifacts of its current keys.
/// </summary>
public sealed record ComparisonRow
{
    public required string Experiment { get; init; }

    /// <summary>The synthesize method: entigraph, raw, rephrase, …</summary>
    public required string Method { get; init; }

    public required long TrainSteps { get; init; }

    public required long TrainedTokens { get; init; }

    /// <summary>Tokens of synthetic origin in the training mixture; 0 for a model that was not trained at all.</summary>
    public required long SyntheticTokens { get; init; }

    public double? ValidationLoss { get; init; }

    public MultipleChoiceScores? MultipleChoice { get; init; }

    public GenerativeScores? Generative { get; init; }

    public PerplexityScore? DomainPerplexity { get; init; }

    public PerplexityScore? ReferencePerplexity { get; init; }

    /// <summary>The evaluate artifact's store key, so every figure can be traced to the artifact it came from.</summary>
    public required string EvaluateKey { get; init; }

    /// <summary>A model that took no training steps is the base every other row is measured against.</summary>
    public bool IsBase => TrainSteps == 0;

    /// <summary>The row's name in the EntiGraph paper's table: Base model, Raw CPT, Rephrase CPT, EntiGraph CPT.</summary>
    public string Model => IsBase ? "Base model" : Method switch
    {
        "entigraph" => "EntiGraph CPT",
        "raw" => "Raw CPT",
        "rephrase" => "Rephrase CPT",
        _ => $"{Method} CPT",
    };

    /// <summary>
    /// Drawn across the chart as a level rather than as a point of a curve: the paper draws the base model and Raw
    /// CPT that way, and a model with no synthetic tokens has no place on a log axis of them.
    /// </summary>
    [JsonIgnore]
    public bool IsLevel => IsBase || Method == "raw" || SyntheticTokens <= 0;
}

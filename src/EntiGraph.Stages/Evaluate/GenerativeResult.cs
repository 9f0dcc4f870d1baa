using System.Text.Json.Serialization;

namespace EntiGraph.Stages.Evaluate;

/// <summary>One row of generative.parquet: a question, the answer its chosen sample states, and that sample.</summary>
public sealed class GenerativeResult
{
    [JsonPropertyName("question_id")]
    public string QuestionId { get; set; } = "";

    [JsonPropertyName("document_id")]
    public string DocumentId { get; set; } = "";

    /// <summary>The right option's letter.</summary>
    [JsonPropertyName("gold")]
    public string Gold { get; set; } = "";

    /// <summary>The chosen sample's letter; null when no sample stated an answer (the question is unparsed).</summary>
    [JsonPropertyName("choice")]
    public string? Choice { get; set; }

    [JsonPropertyName("correct")]
    public bool Correct { get; set; }

    [JsonPropertyName("samples")]
    public int Samples { get; set; }

    /// <summary>How many samples stated an answer.</summary>
    [JsonPropertyName("valid_samples")]
    public int ValidSamples { get; set; }

    /// <summary>The chosen sample up to its answer line, or the first sample whole when none stated an answer.</summary>
    [JsonPropertyName("text")]
    public string Text { get; set; } = "";
}

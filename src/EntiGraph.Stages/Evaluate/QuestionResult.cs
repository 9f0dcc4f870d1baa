using System.Text.Json.Serialization;

namespace EntiGraph.Stages.Evaluate;

/// <summary>One row of questions.parquet: a question's options scored by the model, and what it chose.</summary>
public sealed class QuestionResult
{
    [JsonPropertyName("question_id")]
    public string QuestionId { get; set; } = "";

    [JsonPropertyName("document_id")]
    public string DocumentId { get; set; } = "";

    [JsonPropertyName("gold")]
    public int Gold { get; set; }

    /// <summary>The option with the highest summed log-likelihood (acc).</summary>
    [JsonPropertyName("choice")]
    public int Choice { get; set; }

    /// <summary>The option with the highest log-likelihood per character (acc_norm).</summary>
    [JsonPropertyName("choice_norm")]
    public int ChoiceNorm { get; set; }

    [JsonPropertyName("loglikelihoods")]
    public List<double> Loglikelihoods { get; set; } = [];

    [JsonPropertyName("option_tokens")]
    public List<int> OptionTokens { get; set; } = [];
}

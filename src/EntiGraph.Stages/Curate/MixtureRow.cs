using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace EntiGraph.Stages.Curate;

/// <summary>A row of <c>mixture.parquet</c> (and <c>replay.parquet</c>): a training document with its scores and the step that kept it.</summary>
public sealed class MixtureRow
{
    [JsonPropertyName("id")]
    [ParquetRequired]
    public string Id { get; set; } = "";

    /// <summary>domain, synthetic or replay.</summary>
    [JsonPropertyName("origin")]
    [ParquetRequired]
    public string Origin { get; set; } = "";

    [JsonPropertyName("text")]
    [ParquetRequired]
    public string Text { get; set; } = "";

    [JsonPropertyName("quality_score")]
    public double? QualityScore { get; set; }

    [JsonPropertyName("selection_score")]
    public double? SelectionScore { get; set; }

    /// <summary>The last step the document passed.</summary>
    [JsonPropertyName("kept_by")]
    [ParquetRequired]
    public string KeptBy { get; set; } = "";

    /// <summary>Evaluation items it shares an n-gram with, when decontamination only flags.</summary>
    [JsonPropertyName("contamination")]
    [ParquetRequired]
    public string Contamination { get; set; } = "";
}

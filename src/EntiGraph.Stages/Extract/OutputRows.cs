using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace EntiGraph.Stages.Extract;

/// <summary>A row of <c>documents.parquet</c>.</summary>
public sealed class DocumentRow
{
    [JsonPropertyName("id")]
    [ParquetRequired]
    public string Id { get; set; } = "";

    [JsonPropertyName("source")]
    [ParquetRequired]
    public string Source { get; set; } = "";

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("author")]
    public string? Author { get; set; }

    [JsonPropertyName("year")]
    public int? Year { get; set; }

    [JsonPropertyName("text")]
    [ParquetRequired]
    public string Text { get; set; } = "";

    /// <summary>A JSON object: what the input had beyond the columns.</summary>
    [JsonPropertyName("metadata")]
    [ParquetRequired]
    public string Metadata { get; set; } = "{}";
}

/// <summary>A row of <c>questions.parquet</c>: a multiple-choice question about a document.</summary>
public sealed class QuestionRow
{
    [JsonPropertyName("document_id")]
    [ParquetRequired]
    public string DocumentId { get; set; } = "";

    [JsonPropertyName("question_id")]
    [ParquetRequired]
    public string QuestionId { get; set; } = "";

    [JsonPropertyName("question")]
    [ParquetRequired]
    public string Question { get; set; } = "";

    [JsonPropertyName("options")]
    [ParquetListElementRequired]
    public List<string> Options { get; set; } = [];

    /// <summary>The index of the right option, from 0.</summary>
    [JsonPropertyName("gold")]
    public int Gold { get; set; }

    [JsonPropertyName("difficult")]
    public bool Difficult { get; set; }

    [JsonPropertyName("split")]
    [ParquetRequired]
    public string Split { get; set; } = "";

    [JsonPropertyName("metadata")]
    [ParquetRequired]
    public string Metadata { get; set; } = "{}";
}

using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace EntiGraph.Stages.Synthesize;

/// <summary>
/// A row of <c>synthetic.parquet</c>: one synthetic text with its provenance (the document it is
/// about, the entities it relates, the kind of step, the request that produced it, model and tokens).
/// </summary>
public sealed class SyntheticRow
{
    [JsonPropertyName("id")]
    [ParquetRequired]
    public string Id { get; set; } = "";

    [JsonPropertyName("document_id")]
    [ParquetRequired]
    public string DocumentId { get; set; } = "";

    /// <summary>summary, pair, triple, rephrase-easy, rephrase-medium, rephrase-hard or raw.</summary>
    [JsonPropertyName("kind")]
    [ParquetRequired]
    public string Kind { get; set; } = "";

    [JsonPropertyName("entities")]
    [ParquetListElementRequired]
    public List<string> Entities { get; set; } = [];

    [JsonPropertyName("text")]
    [ParquetRequired]
    public string Text { get; set; } = "";

    /// <summary>The response-store hash of the request that produced the text; empty for raw rows.</summary>
    [JsonPropertyName("prompt_hash")]
    [ParquetRequired]
    public string PromptHash { get; set; } = "";

    [JsonPropertyName("model")]
    [ParquetRequired]
    public string Model { get; set; } = "";

    [JsonPropertyName("prompt_tokens")]
    public long PromptTokens { get; set; }

    [JsonPropertyName("completion_tokens")]
    public long CompletionTokens { get; set; }
}

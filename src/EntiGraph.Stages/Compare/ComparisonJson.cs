using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EntiGraph.Stages.Compare;

/// <summary>
/// The comparison's rows as JSON, for plots and tables made elsewhere: every figure a row holds, with accuracies as
/// fractions as eval.json has them, in snake_case, nulls written out so every row has the same fields.
/// </summary>
public static class ComparisonJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(IReadOnlyList<ComparisonRow> rows)
    {
        var document = new JsonObject { ["rows"] = JsonSerializer.SerializeToNode(rows, Options) };
        return document.ToJsonString(Options) + "\n";
    }
}

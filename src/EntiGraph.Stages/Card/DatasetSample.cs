using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Stages.Curate;
using EntiGraph.Stages.Synthesize;

namespace EntiGraph.Stages.Card;

/// <summary>
/// The rows a dataset card shows: evenly spaced through the corpus in id order, so the sample spans every
/// document and kind and depends on the rows alone (no seed, no file order).
/// </summary>
public static class DatasetSample
{
    public static async Task<List<SyntheticRow>> TakeAsync(string parquet, int count, CancellationToken cancellationToken)
    {
        var rows = new List<SyntheticRow>();
        await foreach (var row in ParquetRows.ReadAsync<SyntheticRow>(parquet, cancellationToken))
            rows.Add(row);
        rows.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        if (count <= 0 || rows.Count == 0)
            return [];
        if (count >= rows.Count)
            return rows;
        // The i-th pick is the row at the centre of the i-th of count equal slices.
        return Enumerable.Range(0, count).Select(i => rows[(int)((2L * i + 1) * rows.Count / (2L * count))]).ToList();
    }

    public static JsonArray ToJson(IEnumerable<SyntheticRow> rows) =>
        new(rows.Select(r => (JsonNode?)JsonSerializer.SerializeToNode(r)).ToArray());

    /// <summary>One JSON object per line, every field, non-ASCII kept as is.</summary>
    public static string ToJsonLines(IEnumerable<SyntheticRow> rows)
    {
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return string.Concat(rows.Select(r => JsonSerializer.Serialize(r, options) + "\n"));
    }
}

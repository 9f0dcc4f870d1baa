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
        return EvenlySpaced(rows, count);
    }

    /// <summary><paramref name="count"/> items: the one at the centre of each of that many equal slices.</summary>
    public static List<T> EvenlySpaced<T>(IReadOnlyList<T> items, int count)
    {
        if (count <= 0)
            return [];
        if (count >= items.Count)
            return items.ToList();
        return Enumerable.Range(0, count).Select(i => items[(int)((2L * i + 1) * items.Count / (2L * count))]).ToList();
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

using System.Text.Json.Nodes;

namespace EntiGraph.Stages.Tests.Extract;

/// <summary>Lines in the shape of QuALITY v1.0.1: one line per question set, the article repeated on each.</summary>
internal static class QualityData
{
    public const string Article = "<html><head><title>Ignored</title></head><body>\n<p>The ship &amp; its crew\n   left at dawn.</p>\n<p>They never came back.</p>\n</body></html>";

    public static JsonObject Question(string id, int gold = 2, int optionCount = 4, int difficult = 0) => new()
    {
        ["question"] = $"What happened in {id}?",
        ["question_unique_id"] = id,
        ["options"] = new JsonArray(Enumerable.Range(1, optionCount).Select(i => (JsonNode?)JsonValue.Create($"option {i}")).ToArray()),
        ["writer_label"] = gold,
        ["gold_label"] = gold,
        ["difficult"] = difficult,
    };

    public static string Line(
        string articleId,
        string setId,
        JsonObject[] questions,
        string title = "The Long Night",
        JsonNode? author = null,
        int? year = 1956,
        string article = Article,
        string writer = "1001",
        string batch = "7") => new JsonObject
    {
        ["article_id"] = articleId,
        ["set_unique_id"] = setId,
        ["batch_num"] = batch,
        ["writer_id"] = writer,
        ["source"] = "Gutenberg",
        ["title"] = title,
        ["year"] = year,
        ["author"] = author ?? "Smith, John",
        ["topic"] = "space",
        ["article"] = article,
        ["questions"] = new JsonArray(questions.Select(q => (JsonNode?)q.DeepClone()).ToArray()),
    }.ToJsonString();

    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";
}

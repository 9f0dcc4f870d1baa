using System.Text.Json.Nodes;
using static EntiGraph.Stages.Tests.Extract.QualityData;

namespace EntiGraph.Stages.Tests.Extract;

public sealed class MetricsTests : IDisposable
{
    private readonly ExtractFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task The_manifest_counts_documents_questions_words_and_characters_per_input()
    {
        _fixture.Add("quality", "quality.jsonl", Lines(Line("eg-001", "s1", [Question("q1"), Question("q2")], article: "<p>one two three</p>")));
        _fixture.Add("notes", "notes.jsonl", "{\"id\": \"short\", \"text\": \"caf\u00e9\"}\n{\"id\": \"long\", \"text\": \"a b c d e\"}\n");

        var result = await _fixture.RunAsync("inputs:\n  - source: quality\n    format: quality\n  - source: notes\n");

        var expected = JsonNode.Parse("""
            {
              "documents": 3, "questions": 2, "words": 9, "characters": 26, "empty_documents": 0,
              "longest": {"id": "long", "words": 5},
              "shortest": {"id": "short", "words": 1},
              "inputs": [
                {"source": "quality", "format": "quality", "files": 1, "documents": 1, "questions": 2},
                {"source": "notes", "format": "auto", "files": 1, "documents": 2, "questions": 0}
              ]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, result.Manifest!.Metrics), result.Manifest.Metrics.ToJsonString());
    }

    [Fact]
    public async Task Progress_is_reported_over_files_and_then_documents()
    {
        _fixture.Add("notes", "a.jsonl", "{\"text\": \"x\"}\n{\"text\": \"y\"}\n");
        _fixture.Add("notes", "b.txt", "z");

        await _fixture.RunAsync("inputs:\n  - source: notes\n");

        Assert.Equal(
            [("extract: reading files", 2L, "files", 2L), ("extract: converting documents", 3L, "documents", 3L)],
            _fixture.Reporter.Bars.Select(b => (b.Description, b.Total, b.Unit, b.Done)));
    }
}

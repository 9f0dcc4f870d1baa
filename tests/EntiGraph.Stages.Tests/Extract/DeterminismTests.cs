using EntiGraph.Stages.Extract;
using static EntiGraph.Stages.Tests.Extract.QualityData;

namespace EntiGraph.Stages.Tests.Extract;

public sealed class DeterminismTests : IDisposable
{
    private readonly ExtractFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Two_runs_on_the_same_input_write_identical_bytes()
    {
        _fixture.Add("quality", "quality.jsonl", Lines(Line("eg-001", "s1", [Question("q1"), Question("q2")])));
        _fixture.Add("web", "page.html", "<title>P</title><p>Caf\u0065\u0301</p>");
        const string config = "inputs:\n  - source: quality\n    format: quality\n  - source: web\n";

        var first = await _fixture.RunDirectAsync(config);
        var second = await _fixture.RunDirectAsync(config);

        foreach (var file in new[] { ExtractOutput.DocumentsFile, ExtractOutput.QuestionsFile })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
        }

        Assert.Equal(["documents.parquet", "questions.parquet"], Directory.GetFiles(first).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Both_tables_are_written_even_when_empty()
    {
        _fixture.Add("notes", "empty.jsonl", "\n");

        var result = await ExtractFixture.ReadAsync(await _fixture.RunDirectAsync("inputs:\n  - source: notes\n"));

        Assert.Empty(result.Documents);
        Assert.Empty(result.Questions);
    }
}

using System.Text.Json.Nodes;
using static EntiGraph.Stages.Tests.Extract.QualityData;

namespace EntiGraph.Stages.Tests.Extract;

public sealed class QualityInputTests : IDisposable
{
    private const string Config = "inputs:\n  - source: quality\n    format: quality\n    split: train\n";

    private readonly ExtractFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Articles_repeated_per_question_set_become_one_document_with_each_question_once()
    {
        var q1 = Question("eg-001_q01", gold: 1);
        var q2 = Question("eg-001_q02", gold: 4, difficult: 1);
        var q3 = Question("eg-001_q03", gold: 3);
        q3["combines_facts"] = true;
        _fixture.Add("quality", "quality.jsonl", Lines(
            Line("eg-001", "eg-001_s1", [q1, q2], writer: "1001", batch: "7"),
            Line("eg-002", "eg-002_s1", [Question("eg-002_q01")], title: "Second", author: "Plato", year: null),
            Line("eg-001", "eg-001_s2", [q2, q3], writer: "1002", batch: "8")));

        var result = await _fixture.RunAsync(Config);

        Assert.Equal(["eg-001", "eg-002"], result.Documents.Select(d => d.Id));
        var first = result.Document("eg-001");
        Assert.Equal("Gutenberg", first.Source);
        Assert.Equal("The Long Night", first.Title);
        Assert.Equal("Smith, John", first.Author);
        Assert.Equal(1956, first.Year);
        Assert.Equal("The ship & its crew left at dawn.\n\nThey never came back.", first.Text);
        Assert.Equal(
            """{"topic":"space","set_unique_ids":["eg-001_s1","eg-001_s2"],"writer_ids":["1001","1002"],"batch_nums":["7","8"],"input":"quality"}""",
            first.Metadata);
        Assert.Null(result.Document("eg-002").Year);

        Assert.Equal(["eg-001_q01", "eg-001_q02", "eg-001_q03", "eg-002_q01"], result.Questions.Select(q => q.QuestionId));
        Assert.Equal(["eg-001", "eg-001", "eg-001", "eg-002"], result.Questions.Select(q => q.DocumentId));
        Assert.Equal([0, 3, 2, 1], result.Questions.Select(q => q.Gold));
        Assert.Equal([false, true, false, false], result.Questions.Select(q => q.Difficult));
        Assert.All(result.Questions, q => Assert.Equal("train", q.Split));
        Assert.All(result.Questions, q => Assert.Equal(["option 1", "option 2", "option 3", "option 4"], q.Options));
        Assert.Equal("What happened in eg-001_q02?", result.Questions[1].Question);
        Assert.Equal("""{"writer_label":3,"combines_facts":true}""", result.Questions[2].Metadata);
    }

    [Fact]
    public async Task The_quality_document_string_puts_title_author_and_year_before_the_text()
    {
        _fixture.Add("quality", "quality.jsonl", Lines(
            Line("eg-001", "s1", [Question("q1")]),
            Line("eg-002", "s2", [Question("q2")], title: "No Year", author: "Plato", year: null)));

        var result = await _fixture.RunAsync(Config + "document_string: quality\n");

        Assert.Equal("\"The Long Night\", John Smith, 1956.\n The ship & its crew left at dawn.\n\nThey never came back.", result.Document("eg-001").Text);
        Assert.Equal("\"No Year\", Plato.\n The ship & its crew left at dawn.\n\nThey never came back.", result.Document("eg-002").Text);
        Assert.Equal("Smith, John", result.Document("eg-001").Author);
    }

    [Fact]
    public async Task An_article_without_markup_is_read_as_plain_text()
    {
        _fixture.Add("quality", "quality.htmlstripped.jsonl", Lines(
            Line("eg-001", "s1", [Question("q1")], article: "First paragraph,\nstill first.\n\n\n\nSecond &amp; last.")));

        var result = await _fixture.RunAsync(Config);

        Assert.Equal("First paragraph,\nstill first.\n\nSecond &amp; last.", result.Document("eg-001").Text);
    }
}

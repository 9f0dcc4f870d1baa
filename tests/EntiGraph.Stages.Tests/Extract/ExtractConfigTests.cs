using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;

namespace EntiGraph.Stages.Tests.Extract;

public sealed class ExtractConfigTests : IDisposable
{
    private readonly ExtractFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Defaults_are_filled_in_so_that_writing_them_out_changes_no_key()
    {
        var config = _fixture.Experiment("inputs:\n  - source: quality\n").Section("extract").Config;

        var expected = JsonNode.Parse("""
            {
              "inputs": [{
                "source": "quality", "format": "auto", "split": "dev",
                "text_field": "text", "id_field": "id", "title_field": "title",
                "text_column": "text", "id_column": "id", "title_column": "title"
              }],
              "document_string": "plain"
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, config), config.ToJsonString());
    }

    [Theory]
    [InlineData("document_string: plain\n", "extract.inputs: required value missing")]
    [InlineData("inputs: []\n", "extract: inputs: give at least one input")]
    [InlineData("inputs:\n  - format: html\n", "extract.inputs[0].source: required value missing")]
    [InlineData("inputs:\n  - source: a\n    format: csv\n", "extract.inputs[0].format: 'csv' is not allowed; allowed values: auto, quality, html, jsonl, parquet, text")]
    [InlineData("inputs:\n  - source: a\n    text_colum: body\n", "extract.inputs[0].text_colum: unknown key")]
    [InlineData("inputs:\n  - source: a\ndocument_string: fancy\n", "extract.document_string: 'fancy' is not allowed; allowed values: plain, quality")]
    public void Mistakes_in_the_section_are_reported_with_their_key(string section, string message)
    {
        var error = Assert.Throws<ExperimentSpecException>(() => _fixture.Experiment(section));

        Assert.Contains(message, error.Message);
        _fixture.AssertNothingPublished();
    }

    [Fact]
    public void The_key_carries_the_versions_of_the_parquet_writer_and_the_html_parser()
    {
        var stage = _fixture.Pipeline["extract"];

        Assert.Equal(["anglesharp", "parquet.net"], stage.Versions.Keys.Order(StringComparer.Ordinal));
        Assert.All(stage.Versions.Values, v => Assert.Matches(@"^\d+\.\d+\.\d+", v));
        Assert.False(stage.UsesSeed);
        Assert.Equal(["download"], stage.Needs);
    }
}

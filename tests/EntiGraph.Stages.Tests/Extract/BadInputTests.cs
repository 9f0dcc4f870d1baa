using System.Text;
using static EntiGraph.Stages.Tests.Extract.QualityData;

namespace EntiGraph.Stages.Tests.Extract;

/// <summary>Each kind of bad input fails with a message naming file, record and problem, and publishes nothing.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string QualityConfig = "inputs:\n  - source: quality\n    format: quality\n";

    private readonly ExtractFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Malformed_json_names_the_line()
    {
        _fixture.Add("notes", "notes.jsonl", "{\"text\": \"fine\"}\n{\"text\": \"fine\"}\n{\"text\": \"broken\n");

        var error = await _fixture.FailAsync("inputs:\n  - source: notes\n");

        Assert.StartsWith("notes/notes.jsonl: line 3: malformed JSON: ", error.Message);
    }

    [Fact]
    public async Task A_line_that_is_not_an_object_is_named()
    {
        _fixture.Add("notes", "notes.jsonl", "[1, 2]\n");

        var error = await _fixture.FailAsync("inputs:\n  - source: notes\n");

        Assert.Equal("notes/notes.jsonl: line 1: expected a JSON object, found an array", error.Message);
    }

    [Fact]
    public async Task A_question_without_four_options_names_article_and_question()
    {
        _fixture.Add("quality", "quality.jsonl", Lines(
            Line("eg-001", "s1", [Question("eg-001_q01")]),
            Line("eg-002", "s2", [Question("eg-002_q01")]),
            Line("eg-001", "s3", [Question("eg-001_q03"), Question("eg-001_q04", optionCount: 3)])));

        var error = await _fixture.FailAsync(QualityConfig);

        Assert.Equal("quality/quality.jsonl: line 3: article eg-001, question eg-001_q04: has 3 options, expected 4", error.Message);
        Assert.Equal("quality/quality.jsonl", error.File);
        Assert.Equal("line 3: article eg-001, question eg-001_q04", error.Record);
    }

    [Theory]
    [InlineData(5, "gold_label 5 is outside 1-4")]
    [InlineData(0, "gold_label 0 is outside 1-4")]
    public async Task A_gold_label_out_of_range_is_named(int gold, string problem)
    {
        _fixture.Add("quality", "quality.jsonl", Lines(Line("eg-001", "s1", [Question("eg-001_q01", gold: gold)])));

        var error = await _fixture.FailAsync(QualityConfig);

        Assert.Equal($"quality/quality.jsonl: line 1: article eg-001, question eg-001_q01: {problem}", error.Message);
    }

    [Fact]
    public async Task A_question_without_a_gold_label_says_which_split_lacks_answers()
    {
        var question = Question("eg-001_q01");
        question.Remove("gold_label");
        _fixture.Add("quality", "quality.jsonl", Lines(Line("eg-001", "s1", [question])));

        var error = await _fixture.FailAsync(QualityConfig);

        Assert.StartsWith("quality/quality.jsonl: line 1: article eg-001, question eg-001_q01: no \"gold_label\"", error.Message);
    }

    [Fact]
    public async Task Invalid_utf8_in_json_lines_names_the_line()
    {
        var bytes = new List<byte>();
        for (var i = 1; i <= 6; i++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes($"{{\"text\": \"line {i}\"}}\n"));
        }

        bytes.AddRange(Encoding.UTF8.GetBytes("{\"text\": \"caf"));
        bytes.Add(0xE9);
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}\n"));
        _fixture.AddBytes("notes", "notes.jsonl", [.. bytes]);

        var error = await _fixture.FailAsync("inputs:\n  - source: notes\n");

        Assert.StartsWith("notes/notes.jsonl: line 7: invalid UTF-8", error.Message);
        Assert.Equal("notes/notes.jsonl: line 7: invalid UTF-8 (byte 0xE9 at byte 14 of the line)", error.Message);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_text_file_names_the_line()
    {
        _fixture.AddBytes("corpus", "a.txt", [.. "ok\nstill ok\n"u8, 0xFF, .. "\n"u8]);

        var error = await _fixture.FailAsync("inputs:\n  - source: corpus\n");

        Assert.StartsWith("corpus/a.txt: line 3: invalid UTF-8", error.Message);
    }

    [Fact]
    public async Task A_truncated_parquet_file_is_not_readable()
    {
        await ParquetInputTests.WriteTable(_fixture, "hub", "data.parquet", [new() { Id = 1, Text = "A row of text." }]);
        var file = _fixture.RawFile("hub", "data.parquet");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var error = await _fixture.FailAsync("inputs:\n  - source: hub\n");

        Assert.StartsWith("hub/data.parquet: not a readable parquet file: ", error.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_parquet_at_all_is_not_readable()
    {
        _fixture.Add("hub", "data.parquet", "id,text\n1,hello\n");

        var error = await _fixture.FailAsync("inputs:\n  - source: hub\n");

        Assert.StartsWith("hub/data.parquet: not a readable parquet file: ", error.Message);
    }

    [Fact]
    public async Task A_missing_text_field_names_the_line_and_the_fields_there_are()
    {
        _fixture.Add("notes", "notes.jsonl", "{\"text\": \"fine\"}\n{\"body\": \"elsewhere\", \"id\": \"n2\"}\n");

        var error = await _fixture.FailAsync("inputs:\n  - source: notes\n");

        Assert.Equal("notes/notes.jsonl: line 2: no \"text\" field; fields: body, id", error.Message);
    }

    [Fact]
    public async Task A_text_field_that_is_not_a_string_is_named()
    {
        _fixture.Add("notes", "notes.jsonl", "{\"text\": 12}\n");

        var error = await _fixture.FailAsync("inputs:\n  - source: notes\n");

        Assert.Equal("notes/notes.jsonl: line 1: \"text\" is a number, expected a string", error.Message);
    }

    [Fact]
    public async Task A_missing_text_column_lists_the_columns()
    {
        await ParquetInputTests.WriteTable(_fixture, "hub", "data.parquet", [new() { Id = 1, Text = "x" }]);

        var error = await _fixture.FailAsync("inputs:\n  - source: hub\n    text_column: body\n");

        Assert.Equal("hub/data.parquet: no column \"body\" (text_column); columns: id, title, text, lang, score", error.Message);
    }

    [Fact]
    public async Task A_configured_id_column_must_exist()
    {
        await ParquetInputTests.WriteTable(_fixture, "hub", "data.parquet", [new() { Id = 1, Text = "x" }]);

        var error = await _fixture.FailAsync("inputs:\n  - source: hub\n    id_column: doc_id\n");

        Assert.Equal("hub/data.parquet: no column \"doc_id\" (id_column); columns: id, title, text, lang, score", error.Message);
    }

    [Fact]
    public async Task A_text_column_of_numbers_is_refused()
    {
        await ParquetInputTests.WriteTable(_fixture, "hub", "data.parquet", [new() { Id = 1, Text = "x", Score = 2 }]);

        var error = await _fixture.FailAsync("inputs:\n  - source: hub\n    text_column: score\n");

        Assert.Equal("hub/data.parquet: column \"score\" (text_column) holds Double, expected text", error.Message);
    }

    [Fact]
    public async Task A_null_text_names_the_row()
    {
        await ParquetInputTests.WriteTable(_fixture, "hub", "data.parquet", [new() { Text = "a" }, new() { Text = "b" }, new() { Text = null }]);

        var error = await _fixture.FailAsync("inputs:\n  - source: hub\n");

        Assert.Equal("hub/data.parquet: row 3: \"text\" is null", error.Message);
    }

    [Fact]
    public async Task Duplicate_document_ids_name_both_places()
    {
        _fixture.Add("quality", "quality.jsonl", Lines(Line("eg-001", "s1", [Question("q1")])));
        _fixture.Add("notes", "notes.jsonl", "{\"id\": \"n1\", \"text\": \"a\"}\n{\"id\": \"eg-001\", \"text\": \"b\"}\n");

        var error = await _fixture.FailAsync(QualityConfig + "  - source: notes\n");

        Assert.Equal("document id 'eg-001' appears twice: at quality/quality.jsonl: line 1 and at notes/notes.jsonl: line 2", error.Message);
    }

    [Fact]
    public async Task A_question_id_shared_by_two_articles_names_both_lines()
    {
        _fixture.Add("quality", "quality.jsonl", Lines(
            Line("eg-001", "s1", [Question("q1")]),
            Line("eg-002", "s2", [Question("q2"), Question("q1")])));

        var error = await _fixture.FailAsync(QualityConfig);

        Assert.Equal("question id 'q1' appears twice: at quality/quality.jsonl: line 1 and at quality/quality.jsonl: line 2", error.Message);
    }

    [Fact]
    public async Task An_unknown_source_lists_the_sources_there_are()
    {
        _fixture.Add("quality", "quality.jsonl", Lines(Line("eg-001", "s1", [Question("q1")])));
        _fixture.Add("web", "a.html", "<p>x</p>");

        var error = await _fixture.FailAsync("inputs:\n  - source: web\n  - source: qualty\n");

        Assert.Equal("extract.inputs[1]: no download source named 'qualty'; the download stage has: quality, web", error.Message);
    }

    [Theory]
    [InlineData("data.json", "the extension '.json'")]
    [InlineData("LICENSE", "a file without an extension")]
    public async Task Auto_format_asks_for_a_format_it_cannot_guess(string file, string what)
    {
        _fixture.Add("data", file, "{}");

        var error = await _fixture.FailAsync("inputs:\n  - source: data\n");

        Assert.Equal(
            $"data/{file}: cannot tell the format from {what}; set format (quality, html, jsonl, parquet, text) on the extract input with source: data",
            error.Message);
    }

    [Fact]
    public async Task Sources_json_naming_a_file_outside_the_artifact_is_refused()
    {
        var artifact = Path.Combine(_fixture.Root, "download");
        Directory.CreateDirectory(artifact);
        File.WriteAllText(Path.Combine(artifact, "sources.json"), """[{"name": "evil", "files": [{"path": "../../etc/passwd"}]}]""");

        var error = await Assert.ThrowsAsync<EntiGraph.Stages.Extract.ExtractInputException>(
            () => _fixture.RunDirectAsync("inputs:\n  - source: evil\n", artifact));

        Assert.Equal("download/sources.json: source 1 (evil): the path '../../etc/passwd' leads outside the download artifact", error.Message);
    }
}

using System.Text.Json.Serialization;
using Parquet;
using Parquet.Serialization;

namespace EntiGraph.Stages.Tests.Extract;

public sealed class ParquetInputTests : IDisposable
{
    private readonly ExtractFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Rows_of_every_row_group_become_documents()
    {
        await WriteTable("hub", "train-00000.parquet", [
            new() { Id = 10, Title = "Ten", Text = "Row one.", Lang = "en", Score = 1.5 },
            new() { Id = 11, Text = "Row  two.", Lang = "fr" },
            new() { Text = "Row three has no id.", Score = 3 },
            new() { Id = 13, Title = "Thirteen", Text = "Row four." },
            new() { Id = 14, Text = "Row five." },
        ]);

        var result = await _fixture.RunAsync("inputs:\n  - source: hub\n");

        Assert.Equal(["10", "11", "hub-3", "13", "14"], result.Documents.Select(d => d.Id));
        Assert.Equal(["Row one.", "Row two.", "Row three has no id.", "Row four.", "Row five."], result.Documents.Select(d => d.Text));
        Assert.Equal(["Ten", null, null, "Thirteen", null], result.Documents.Select(d => d.Title));
        Assert.Equal("""{"lang":"en","score":1.5}""", result.Document("10").Metadata);
        Assert.Equal("""{"lang":null,"score":3}""", result.Document("hub-3").Metadata);
        Assert.All(result.Documents, d => Assert.Equal("hub", d.Source));
    }

    [Fact]
    public async Task Column_names_are_configurable()
    {
        await WriteTable("hub", "data.parquet", [new() { Id = 1, Title = "T", Text = "t", Lang = "A body." }]);

        var result = await _fixture.RunAsync("inputs:\n  - source: hub\n    format: parquet\n    text_column: lang\n    id_column: title\n    title_column: text\n");

        var document = result.Document("T");
        Assert.Equal("A body.", document.Text);
        Assert.Equal("t", document.Title);
        Assert.Equal("""{"id":1,"score":null}""", document.Metadata);
    }

    /// <summary>Writes rows in row groups of two, so that reading must go through several.</summary>
    internal static async Task WriteTable(ExtractFixture fixture, string source, string path, IReadOnlyList<TableRow> rows)
    {
        var file = fixture.RawFile(source, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var stream = File.Create(file);
        await ParquetSerializer.SerializeAsync(rows, stream, new ParquetOptions { RowGroupSize = 2 });
    }

    private Task WriteTable(string source, string path, IReadOnlyList<TableRow> rows) => WriteTable(_fixture, source, path, rows);

    internal sealed class TableRow
    {
        [JsonPropertyName("id")]
        public long? Id { get; set; }

        [JsonPropertyName("title")]
        public string? Title { get; set; }

        [JsonPropertyName("text")]
        public string? Text { get; set; }

        [JsonPropertyName("lang")]
        public string? Lang { get; set; }

        [JsonPropertyName("score")]
        public double? Score { get; set; }
    }
}

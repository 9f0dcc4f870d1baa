namespace EntiGraph.Stages.Tests.Extract;

public sealed class JsonlInputTests : IDisposable
{
    private readonly ExtractFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Lines_become_documents_with_their_id_title_and_other_fields_as_metadata()
    {
        _fixture.Add("notes", "notes.jsonl", """
            {"id": "n-1", "title": "First", "text": "Hello  there.", "lang": "en", "tags": ["a", "b"]}

            {"text": "No id or title.", "score": 0.5}
            {"id": 42, "text": "A numeric id.", "title": null}
            """);

        var result = await _fixture.RunAsync("inputs:\n  - source: notes\n");

        Assert.Equal(["n-1", "notes-3", "42"], result.Documents.Select(d => d.Id));
        Assert.Equal("First", result.Document("n-1").Title);
        Assert.Equal("Hello there.", result.Document("n-1").Text);
        Assert.Equal("""{"lang":"en","tags":["a","b"]}""", result.Document("n-1").Metadata);
        Assert.Null(result.Document("notes-3").Title);
        Assert.Equal("""{"score":0.5}""", result.Document("notes-3").Metadata);
        Assert.All(result.Documents, d => Assert.Equal("notes", d.Source));
        Assert.All(result.Documents, d => Assert.Null(d.Author));
        Assert.Empty(result.Questions);
    }

    [Fact]
    public async Task Field_names_are_configurable()
    {
        _fixture.Add("wiki", "dump.jsonl", """
            {"uid": "w1", "headline": "Rivers", "body": "Rivers flow.", "id": "kept as metadata"}
            """);

        var result = await _fixture.RunAsync("inputs:\n  - source: wiki\n    text_field: body\n    id_field: uid\n    title_field: headline\n");

        var document = result.Document("w1");
        Assert.Equal("Rivers", document.Title);
        Assert.Equal("Rivers flow.", document.Text);
        Assert.Equal("""{"id":"kept as metadata"}""", document.Metadata);
    }

    [Fact]
    public async Task Generated_ids_name_the_file_when_a_source_has_several()
    {
        _fixture.Add("shards", "a.jsonl", "{\"text\": \"one\"}\n");
        _fixture.Add("shards", "b.jsonl", "{\"text\": \"two\"}\n");

        var result = await _fixture.RunAsync("inputs:\n  - source: shards\n");

        Assert.Equal(["shards/a.jsonl-1", "shards/b.jsonl-1"], result.Documents.Select(d => d.Id));
    }
}

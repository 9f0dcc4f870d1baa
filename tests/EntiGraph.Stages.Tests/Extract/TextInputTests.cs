namespace EntiGraph.Stages.Tests.Extract;

public sealed class TextInputTests : IDisposable
{
    private readonly ExtractFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Each_file_is_a_document_titled_by_its_heading_or_its_name()
    {
        _fixture.Add("corpus", "guide.md", "# Getting  Started ##\n\nInstall it.\n");
        _fixture.Add("corpus", "notes/plain.txt", "Just text.\nTwo lines.");
        _fixture.Add("corpus", "notes/hash.markdown", "#hashtag is not a heading\n");

        var result = await _fixture.RunAsync("inputs:\n  - source: corpus\n");

        Assert.Equal(["corpus/guide.md", "corpus/notes/hash.markdown", "corpus/notes/plain.txt"], result.Documents.Select(d => d.Id));
        Assert.Equal("Getting Started", result.Document("corpus/guide.md").Title);
        Assert.Equal("# Getting Started ##\n\nInstall it.", result.Document("corpus/guide.md").Text);
        Assert.Equal("plain", result.Document("corpus/notes/plain.txt").Title);
        Assert.Equal("Just text.\nTwo lines.", result.Document("corpus/notes/plain.txt").Text);
        Assert.Equal("hash", result.Document("corpus/notes/hash.markdown").Title);
    }

    [Fact]
    public async Task An_explicit_format_reads_files_whatever_their_extension()
    {
        _fixture.Add("corpus", "README", "Plain words.");

        var result = await _fixture.RunAsync("inputs:\n  - source: corpus\n    format: text\n");

        Assert.Equal("Plain words.", result.Document("corpus/README").Text);
    }
}

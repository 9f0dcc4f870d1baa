using EntiGraph.Stages.Extract;

namespace EntiGraph.Stages.Tests.Extract;

public sealed class TextNormalizerTests : IDisposable
{
    private readonly ExtractFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("caf\u0065\u0301", "caf\u00e9")]
    [InlineData("one\r\ntwo\rthree\nfour", "one\ntwo\nthree\nfour")]
    [InlineData("a \t  b\u00a0\u00a0c", "a b c")]
    [InlineData("  indented  \n\ttabbed\t", "indented\ntabbed")]
    [InlineData("a\n\n\n\n\nb\n \n \nc", "a\n\nb\n\nc")]
    [InlineData("\n\n  text  \n\n", "text")]
    [InlineData("", "")]
    public void Normalize(string input, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Inline_values_become_one_line_or_null()
    {
        Assert.Equal("Le Caf\u00e9", TextNormalizer.NormalizeInline(" Le\n Cafe\u0301 "));
        Assert.Null(TextNormalizer.NormalizeInline(" \n "));
    }

    [Fact]
    public async Task Every_format_is_normalised_on_the_way_out()
    {
        _fixture.Add("mixed", "a.jsonl", "{\"id\": \"j\", \"text\": \"Cafe\\u0301 \\t au   lait\\r\\n\\r\\n\\r\\nfin\"}\n");
        _fixture.Add("mixed", "b.html", "<p>Fish &amp; chips &eacute;t&eacute;&nbsp;&nbsp;!</p>");
        _fixture.Add("mixed", "c.txt", "line one  \r\nline two\r\n\r\n\r\n\r\nend");

        var result = await _fixture.RunAsync("inputs:\n  - source: mixed\n");

        Assert.Equal("Caf\u00e9 au lait\n\nfin", result.Document("j").Text);
        Assert.Equal("Fish & chips \u00e9t\u00e9 !", result.Document("mixed/b.html").Text);
        Assert.Equal("line one\nline two\n\nend", result.Document("mixed/c.txt").Text);
    }
}

using EntiGraph.Stages.Extract;

namespace EntiGraph.Stages.Tests.Extract;

public sealed class DocumentStringTests
{
    [Theory]
    [InlineData("T", "Smith, John", 1956, "\"T\", John Smith, 1956.\n body")]
    [InlineData("T", "Plato", 1956, "\"T\", Plato, 1956.\n body")]
    [InlineData("T", "Smith, John", null, "\"T\", John Smith.\n body")]
    [InlineData("T", null, 1956, "\"T\", 1956.\n body")]
    [InlineData("T", null, null, "\"T\".\n body")]
    [InlineData(null, null, null, "body")]
    public void The_quality_form_leaves_missing_parts_out(string? title, string? author, int? year, string expected) =>
        Assert.Equal(expected, DocumentString.Write(DocumentString.Quality, title, author, year, "body"));

    [Fact]
    public void The_plain_form_is_the_text() =>
        Assert.Equal("body", DocumentString.Write(DocumentString.Plain, "T", "A", 1, "body"));
}

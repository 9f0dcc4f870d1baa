using System.Text.Json.Nodes;
using EntiGraph.Stages.Synthesize.Generators;
using Microsoft.Extensions.AI;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

/// <summary>A damaged export line is refused with its file and line, whatever the damage, and adds nothing false.</summary>
public sealed class ImportValidationTests : IDisposable
{
    private readonly GeneratorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("response")]
    [InlineData("request")]
    [InlineData("hash")]
    public void A_line_missing_a_field_fails_with_file_and_line(string field)
    {
        var export = WriteExport(line => line.Remove(field));
        using var store = new ResponseStore(_harness.StorePath);

        var error = Assert.Throws<GenerationException>(() => store.Import(export));

        Assert.StartsWith($"{export}:2: ", error.Message);
    }

    [Fact]
    public void A_line_whose_response_is_null_fails_with_file_and_line()
    {
        var export = WriteExport(line => line["response"] = null);
        using var store = new ResponseStore(_harness.StorePath);

        var error = Assert.Throws<GenerationException>(() => store.Import(export));

        Assert.StartsWith($"{export}:2: ", error.Message);
    }

    [Fact]
    public void A_line_that_is_not_json_fails_with_file_and_line()
    {
        var export = WriteExport(_ => null);
        using var store = new ResponseStore(_harness.StorePath);

        var error = Assert.Throws<GenerationException>(() => store.Import(export));

        Assert.StartsWith($"{export}:2: not a stored response", error.Message);
    }

    /// <summary>A two-line export whose second line <paramref name="damage"/> rewrites (null: replaced by text that is not JSON).</summary>
    private string WriteExport(Action<JsonObject> damage) => WriteExport(line =>
    {
        damage(line);
        return line;
    });

    private string WriteExport(Func<JsonObject, JsonObject?> damage)
    {
        var settings = new GeneratorSettings { Model = GeneratorHarness.Model };
        var lines = Enumerable.Range(0, 2).Select(i =>
        {
            var request = RequestKey.Document(settings, new GenerationRequest("qa", $"doc-{i}", [new ChatMessage(ChatRole.User, $"question {i}")]));
            return new JsonObject
            {
                ["hash"] = RequestKey.Hash(request),
                ["request"] = request,
                ["response"] = $"answer {i}",
                ["prompt_tokens"] = 2,
                ["completion_tokens"] = 2,
            };
        }).ToList();
        var path = Path.Combine(_harness.Folder, "export.jsonl");
        File.WriteAllLines(path, [lines[0].ToJsonString(), damage(lines[1])?.ToJsonString() ?? "{\"hash\": \"abc\", truncated"]);
        return path;
    }
}

using System.Text.Json.Nodes;
using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.TestKit;
using Microsoft.Extensions.AI;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

/// <summary>Answers are kept, never asked for twice, and travel between stores as JSONL that cannot be edited unnoticed.</summary>
public sealed class ResponseStoreTests : IDisposable
{
    private readonly GeneratorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task An_answered_request_is_not_sent_again_by_a_later_run()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var settings = GeneratorHarness.Settings(server);
        var requests = Enumerable.Range(0, 5).Select(i => GeneratorHarness.Request(i)).ToList();
        GenerationResult[] first;
        using (var store = new ResponseStore(_harness.StorePath))
        using (var generator = _harness.Create(settings, store))
        {
            first = await GeneratorHarness.GenerateAll(generator, requests);
        }

        using var reopened = new ResponseStore(_harness.StorePath);
        using var again = _harness.Create(settings, reopened);
        var second = await GeneratorHarness.GenerateAll(again, requests);

        Assert.Equal(5, server.Calls.Count);
        Assert.All(second, r => Assert.True(r.FromStore));
        Assert.Equal(first.Select(r => (r.Text, r.RequestHash, r.PromptTokens, r.CompletionTokens)), second.Select(r => (r.Text, r.RequestHash, r.PromptTokens, r.CompletionTokens)));
    }

    [Fact]
    public async Task An_export_imported_into_a_fresh_store_answers_every_request_without_a_server()
    {
        // Unusual numbers and text, so that the export round trip must keep every request hash exact.
        var settings = new GeneratorSettings { Model = GeneratorHarness.Model, Temperature = 0.7, TopP = 0.95, Seed = 1234567890123, MaxTokens = 77 };
        var requests = Enumerable.Range(0, 6).Select(i => new GenerationRequest(
            "qa", $"doc-{i}", [new ChatMessage(ChatRole.User, $"Café « naïve » 東京 \"{i}\"\nline two\ttab \u2028 end")], Json: i % 2 == 0, SampleIndex: i % 3)).ToList();
        var export = Path.Combine(_harness.Folder, "export", "responses.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(export)!);
        GenerationResult[] sent;
        await using (var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Answer = c => "Réponse: " + c.LastUserContent() + " ✓" }))
        {
            var live = settings with { Backend = GeneratorSettings.OpenAi, BaseUrls = [server.V1], BackoffSeconds = 0 };
            using var store = new ResponseStore(_harness.StorePath);
            using var generator = _harness.Create(live, store);
            sent = await GeneratorHarness.GenerateAll(generator, requests);
            Assert.Equal(6, store.Export(export));
        }

        using var fresh = new ResponseStore(Path.Combine(_harness.Folder, "fresh", "responses.sqlite"));
        Assert.Equal(6, fresh.Import(export));
        var recorded = settings with { Backend = GeneratorSettings.Recorded };
        var backend = Backends.Create(recorded, _harness.Reporter);
        Assert.Null(backend);
        using var replay = new Generator(recorded, fresh, backend, _harness.Reporter);
        var replayed = await GeneratorHarness.GenerateAll(replay, requests);

        Assert.All(replayed, r => Assert.True(r.FromStore));
        Assert.Equal(sent.Select(r => (r.Text, r.RequestHash, r.PromptTokens, r.CompletionTokens)), replayed.Select(r => (r.Text, r.RequestHash, r.PromptTokens, r.CompletionTokens)));
    }

    [Fact]
    public async Task An_import_line_whose_request_was_edited_fails_with_file_line_and_both_hashes()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var export = Path.Combine(_harness.Folder, "responses.jsonl");
        using (var store = new ResponseStore(_harness.StorePath))
        using (var generator = _harness.Create(GeneratorHarness.Settings(server), store))
        {
            await GeneratorHarness.GenerateAll(generator, Enumerable.Range(0, 3).Select(i => GeneratorHarness.Request(i)));
            store.Export(export);
        }

        var lines = File.ReadAllLines(export);
        var line = JsonNode.Parse(lines[1])!.AsObject();
        var statedHash = (string)line["hash"]!;
        var request = line["request"]!.AsObject();
        request["messages"]![1]!["content"] = "Rewrite it as a poem instead.";
        lines[1] = line.ToJsonString();
        File.WriteAllLines(export, lines);

        using var fresh = new ResponseStore(Path.Combine(_harness.Folder, "fresh.sqlite"));
        var error = Assert.Throws<GenerationException>(() => fresh.Import(export));

        var actualHash = RequestKey.Hash(request);
        Assert.NotEqual(statedHash, actualHash);
        Assert.StartsWith($"{export}:2: the request hashes to {actualHash}, not {statedHash}", error.Message);
    }

    [Fact]
    public async Task A_miss_with_the_recorded_backend_names_the_request_and_how_to_reach_an_endpoint()
    {
        var settings = new GeneratorSettings { Model = GeneratorHarness.Model, ApiKeyEnv = "MY_ENDPOINT_KEY" };
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = new Generator(settings, store, Backends.Create(settings, _harness.Reporter), _harness.Reporter);
        var request = GeneratorHarness.Request(4, step: "relations");
        var hash = RequestKey.Hash(RequestKey.Document(settings, request));

        var error = await Assert.ThrowsAsync<GenerationException>(() => generator.GenerateAsync(request, CancellationToken.None));

        Assert.StartsWith($"step 'relations', document 'doc-004': request {hash} is not in the response store", error.Message);
        Assert.Contains("`generator.backend: openai`", error.Message);
        Assert.Contains("`base_urls`", error.Message);
        Assert.Contains("(MY_ENDPOINT_KEY)", error.Message);
    }
}

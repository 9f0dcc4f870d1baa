using System.Text.Json;
using EntiGraph.Engine.Hashing;
using EntiGraph.Stages.Synthesize;
using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.TestKit;

namespace EntiGraph.Cli.Tests;

public sealed class SynthesisResumeTests : IDisposable
{
    // 2 documents x (1 extraction + 6 pairs of 4 entities + 4 triples) = 22 requests.
    private const int Requests = 22;

    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_run_killed_halfway_resends_no_finished_request_and_ends_as_an_uninterrupted_run()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Answer = Answer, Latency = TimeSpan.FromMilliseconds(150) });
        var experiment = WriteExperiment(_workspace, server.V1);

        using (var doomed = CliProcess.StartEntigraph(_workspace.Root, "run", "synthesize", "--experiment", experiment))
        {
            while (server.Calls.Count(c => c.Answered) < 8)
            {
                Assert.False(doomed.HasExited, doomed.Output);
                await Task.Delay(20);
            }

            doomed.Kill();
        }

        var stored = StoredPrompts();
        var before = server.Calls.Count;
        Assert.InRange(stored.Count, 1, Requests - 1);
        Assert.Null(_workspace.Store.CurrentKey("x", "synthesize"));

        using (var resumed = CliProcess.StartEntigraph(_workspace.Root, "run", "synthesize", "--experiment", experiment))
        {
            Assert.Equal(0, await resumed.WaitAsync());
        }

        var resent = server.Calls.Skip(before).Select(c => Prompt(c.Messages())).ToList();
        Assert.Empty(resent.Intersect(stored));
        Assert.Equal(Requests - stored.Count, resent.Count);

        using var clean = new TempWorkspace();
        using (var uninterrupted = CliProcess.StartEntigraph(clean.Root, "run", "synthesize", "--experiment", WriteExperiment(clean, server.V1)))
        {
            Assert.Equal(0, await uninterrupted.WaitAsync());
        }

        var resumedManifest = _workspace.Store.CurrentManifest("x", "synthesize")!;
        var cleanManifest = clean.Store.CurrentManifest("x", "synthesize")!;
        Assert.Equal(cleanManifest.Key, resumedManifest.Key);
        Assert.Equal(cleanManifest.Outputs.Single(o => o.Path == SynthesizeStage.OutputFile), resumedManifest.Outputs.Single(o => o.Path == SynthesizeStage.OutputFile));
    }

    [Fact]
    public async Task Malformed_entity_json_from_an_endpoint_is_asked_again_then_reported()
    {
        var extractions = 0;
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            // The first extraction answer is cut off; the second parses. Document d2 never gets valid JSON.
            Answer = call => IsExtraction(call.RequestJson())
                ? call.LastUserContent().Contains("Lake Orrin", StringComparison.Ordinal) ? "not json at all"
                    : Interlocked.Increment(ref extractions) == 1 ? "{\"summary\": \"cut" : Answer(call)
                : Answer(call),
        });
        var experiment = WriteExperiment(_workspace, server.V1);

        using (var run = CliProcess.StartEntigraph(_workspace.Root, "run", "synthesize", "--experiment", experiment))
        {
            Assert.Equal(0, await run.WaitAsync());
            Assert.Contains("document 'd2' failed at extraction: no valid {\"summary\", \"entities\"} JSON in 3 attempt(s)", run.Output);
        }

        var manifest = _workspace.Store.CurrentManifest("x", "synthesize")!;
        Assert.Equal(1, (int)manifest.Metrics["failed_documents"]!);
        Assert.Equal(2 + 3 + 10, (int)manifest.Metrics["generation"]!["requests"]!);
        var failure = File.ReadAllText(Path.Combine(_workspace.Store.EntryDirectory("synthesize", manifest.Key), SynthesizeStage.FailuresFile));
        Assert.Contains("not json at all", failure);
    }

    private static string Answer(FakeChatCall call)
    {
        if (IsExtraction(call.RequestJson()))
        {
            var lake = call.LastUserContent().Contains("Lake Orrin", StringComparison.Ordinal);
            string[] entities = lake ? ["Lake Orrin", "Ostrel", "Mount Vell", "Brask"] : ["Ansel Morrow", "Tallow Works", "Ida Crane", "Fennick"];
            return JsonSerializer.Serialize(new { summary = lake ? "A lake and a ferry." : "A works and its founders.", entities });
        }

        // Deterministic, so that a resumed run and an uninterrupted one write the same corpus.
        return "Relation: " + ContentHash.OfString(call.LastUserContent())[7..19];
    }

    private static bool IsExtraction(System.Text.Json.Nodes.JsonObject request) => request["response_format"] is not null;

    private HashSet<string> StoredPrompts()
    {
        using var store = new ResponseStore(SynthesizeStage.ResponseStoreFile(_workspace.Store.CacheDirectory));
        var export = Path.Combine(_workspace.Root, "stored.jsonl");
        store.Export(export);
        return File.ReadAllLines(export)
            .Select(l => JsonSerializer.Deserialize<System.Text.Json.Nodes.JsonObject>(l)!)
            .Select(r => Prompt(RequestKey.Messages(r["request"]!.AsObject()).Select(m => (m.Role.Value, m.Text)).ToList()))
            .ToHashSet();
    }

    private static string Prompt(IReadOnlyList<(string Role, string Content)> messages) => string.Join("\n--\n", messages.Select(m => $"{m.Role}: {m.Content}"));

    private static string WriteExperiment(TempWorkspace workspace, string endpoint)
    {
        workspace.WriteFile("experiments/x/docs.jsonl", """
            {"id": "d1", "title": "The Tallow Works", "text": "Ansel Morrow founded the Tallow Works at Fennick in 1871 with Ida Crane."}
            {"id": "d2", "title": "Lake Orrin", "text": "The ferry Ostrel crossed Lake Orrin below Mount Vell from Brask until 1932."}
            """ + "\n");
        return workspace.WriteExperiment("x", $"""
            seed: 42
            download:
              sources:
                - name: docs
                  path: docs.jsonl
            extract:
              inputs:
                - source: docs
            synthesize:
              method: entigraph
              generator:
                backend: openai
                base_urls: [{endpoint}]
                model: fake-model
                max_concurrency: 2
                backoff_seconds: 0
              entigraph:
                max_triples: -1
            """);
    }
}

using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Stages.Synthesize;
using EntiGraph.Stages.Synthesize.Generators;

namespace EntiGraph.Stages.Tests.Synthesize;

public sealed class SynthesizeStageTests : IDisposable
{
    private const string Recorded = """
          method: entigraph
          generator:
            model: authored-1
          entigraph:
            max_triples: 2
        """;

    private static readonly string[] D1 = ["Ansel Morrow", "Tallow Works", "Ida Crane", "Fennick"];
    private static readonly string[] D2 = ["Lake Orrin", "Ostrel", "Mount Vell"];

    private readonly SynthesisHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Entigraph_writes_the_summary_every_pair_and_seeded_triples_with_provenance()
    {
        var experiment = _harness.Write(SynthesisHarness.Yaml(Recorded));
        await _harness.AuthorAsync(experiment, Answers());

        var manifest = await _harness.SynthesizeAsync(experiment);
        var rows = await _harness.RowsAsync(manifest);

        var d1 = rows.Where(r => r.DocumentId == "d1").ToList();
        Assert.Equal(["summary", "pair", "pair", "pair", "pair", "pair", "pair", "triple", "triple"], d1.Select(r => r.Kind));
        Assert.Equal("A works at Fennick.", d1[0].Text);
        Assert.Equal(D1, d1[0].Entities);
        Assert.Equal(["Ansel Morrow", "Tallow Works"], d1[1].Entities);
        Assert.Equal(["Ida Crane", "Fennick"], d1[6].Entities);
        var triples = SeededShuffle.Shuffle(new[] { (0, 1, 2), (0, 1, 3), (0, 2, 3), (1, 2, 3) }, 42).Take(2)
            .Select(t => new[] { D1[t.Item1], D1[t.Item2], D1[t.Item3] }).ToList();
        Assert.Equal(triples, d1.Skip(7).Select(r => r.Entities.ToArray()));
        Assert.All(rows, r => Assert.Equal(("authored-1", 32), (r.Model, r.PromptHash.Length)));
        Assert.Equal(["d1/summary/0", "d1/pair/0", "d1/pair/1"], d1.Take(3).Select(r => r.Id));

        var d2 = rows.Where(r => r.DocumentId == "d2").Select(r => r.Kind).ToList();
        Assert.Equal(["summary", "pair", "pair", "pair", "triple"], d2);
        var generation = manifest.Metrics["generation"]!;
        Assert.Equal((long)(1 + 6 + 2 + 1 + 3 + 1), (long)generation["requests"]!);
        Assert.Equal((long)generation["requests"]!, (long)generation["store_hits"]!);
        Assert.Equal(14, (int)manifest.Metrics["rows"]!);
    }

    [Fact]
    public async Task A_token_budget_stops_each_document_at_the_same_place()
    {
        // Each authored relation text is about 10 tokens; 60 tokens over two documents is 30 each.
        var experiment = _harness.Write(SynthesisHarness.Yaml(Recorded + "\n    token_budget: 60"));
        await _harness.AuthorAsync(experiment, Answers());

        var rows = await _harness.RowsAsync(await _harness.SynthesizeAsync(experiment));

        var d1 = rows.Where(r => r.DocumentId == "d1").ToList();
        Assert.True(d1.Count < 9, "the budget cut the document short");
        Assert.True(d1.Sum(r => r.CompletionTokens) - d1[^1].CompletionTokens < 30, "no request was sent after the budget was spent");
        Assert.Equal(d1.Select(r => r.Id), (await _harness.RowsAsync(await _harness.SynthesizeAsync(experiment))).Where(r => r.DocumentId == "d1").Select(r => r.Id));
    }

    [Fact]
    public async Task A_recorded_miss_names_step_document_and_hash_and_publishes_nothing()
    {
        var experiment = _harness.Write(SynthesisHarness.Yaml(Recorded));
        await _harness.AuthorAsync(experiment, Answers().Where(a => !(a is PairAnswer { document_id: "d2" } p && p.entities[1] == "Mount Vell" && p.entities[0] == "Ostrel")).ToArray());

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.SynthesizeAsync(experiment));

        Assert.Matches("step 'pair', document 'd2': request [0-9a-f]{32} is not in the response store", error.Message);
        Assert.Contains("set `generator.backend: openai` with `base_urls`", error.Message);
        Assert.Null(_harness.Workspace.Store.CurrentKey("x", "synthesize"));
    }

    [Fact]
    public async Task A_malformed_extraction_is_asked_again_and_then_reported_with_its_answers()
    {
        var experiment = _harness.Write(SynthesisHarness.Yaml(Recorded));
        await _harness.AuthorAsync(experiment, Answers().Where(a => a is not ExtractionAnswer).ToArray());
        var documents = await _harness.DocumentsAsync(experiment);
        var settings = SynthesizeStage.GeneratorSettingsOf(experiment.Section("synthesize").Config);
        using (var store = new ResponseStore(_harness.StoreFile))
        {
            // d1: the first answer is cut off, the second is good. d2: every answer is bad.
            Put(store, settings, documents[0], 0, "{\"summary\": \"A works at");
            Put(store, settings, documents[0], 1, "```json\n{\"summary\": \"A works at Fennick.\", \"entities\": [\"Ansel Morrow\", \"Tallow Works\", \"Ida Crane\", \"Fennick\"]}\n```");
            for (var attempt = 0; attempt < 3; attempt++)
            {
                Put(store, settings, documents[1], attempt, attempt == 1 ? "{\"summary\": \"\", \"entities\": []}" : "Sorry, I cannot help.");
            }
        }

        var manifest = await _harness.SynthesizeAsync(experiment);

        var rows = await _harness.RowsAsync(manifest);
        Assert.Equal(9, rows.Count(r => r.DocumentId == "d1"));
        Assert.DoesNotContain(rows, r => r.DocumentId == "d2");
        Assert.Equal(1, (int)manifest.Metrics["failed_documents"]!);
        var failure = JsonNode.Parse(File.ReadAllText(_harness.ArtifactFile(manifest, SynthesizeStage.FailuresFile)))!;
        Assert.Equal("d2", (string)failure["document_id"]!);
        Assert.Equal(3, failure["raw_answers"]!.AsArray().Count);
        Assert.Contains(_harness.Reporter.Messages, m => m.Contains("document 'd2' failed at extraction", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Raw_repeats_each_document_for_each_epoch_without_a_generator()
    {
        var experiment = _harness.Write(SynthesisHarness.Yaml("  method: raw\n  raw:\n    epochs: 3\n"));

        var manifest = await _harness.SynthesizeAsync(experiment);
        var rows = await _harness.RowsAsync(manifest);

        Assert.Equal(6, rows.Count);
        Assert.Equal(["d1/raw/0", "d1/raw/1", "d1/raw/2", "d2/raw/0", "d2/raw/1", "d2/raw/2"], rows.Select(r => r.Id));
        Assert.StartsWith("Ansel Morrow founded", rows[0].Text);
        Assert.Null(manifest.Metrics["generation"]);
    }

    [Fact]
    public async Task Rephrase_writes_one_row_per_style_for_the_chosen_documents()
    {
        var experiment = _harness.Write(SynthesisHarness.Yaml("  method: rephrase\n  documents: [d2]\n  generator:\n    model: authored-1\n  rephrase:\n    styles: [easy, hard]\n"));
        await _harness.AuthorAsync(experiment,
            new { document_id = "d2", kind = "rephrase", style = "easy", text = "A boat went over a lake." },
            new { document_id = "d2", kind = "rephrase", style = "hard", text = "Navigation upon Orrin ceased anno 1932." });

        var rows = await _harness.RowsAsync(await _harness.SynthesizeAsync(experiment));

        Assert.Equal([("rephrase-easy", "A boat went over a lake."), ("rephrase-hard", "Navigation upon Orrin ceased anno 1932.")], rows.Select(r => (r.Kind, r.Text)));
    }

    private static void Put(ResponseStore store, GeneratorSettings settings, SourceDocument document, int sample, string answer)
    {
        var key = RequestKey.Document(settings, new GenerationRequest("extraction", document.Id, Prompts.Extraction(document), Json: true, SampleIndex: sample));
        store.Put(new StoredResponse(RequestKey.Hash(key), key, answer, 100, 20));
    }

    private static object[] Answers()
    {
        var answers = new List<object>
        {
            new ExtractionAnswer("d1", "extraction", "A works at Fennick.", D1),
            new ExtractionAnswer("d2", "extraction", "A lake and its ferry.", D2),
        };
        foreach (var (id, entities) in new[] { ("d1", D1), ("d2", D2) })
        {
            for (var i = 0; i < entities.Length; i++)
            {
                for (var j = i + 1; j < entities.Length; j++)
                {
                    answers.Add(new PairAnswer(id, "pair", [entities[i], entities[j]], $"{entities[i]} meets {entities[j]} in the text."));
                    for (var k = j + 1; k < entities.Length; k++)
                    {
                        answers.Add(new PairAnswer(id, "triple", [entities[i], entities[j], entities[k]], $"{entities[i]}, {entities[j]} and {entities[k]} meet."));
                    }
                }
            }
        }

        return [.. answers];
    }

    private sealed record ExtractionAnswer(string document_id, string kind, string summary, string[] entities);

    private sealed record PairAnswer(string document_id, string kind, string[] entities, string text);
}

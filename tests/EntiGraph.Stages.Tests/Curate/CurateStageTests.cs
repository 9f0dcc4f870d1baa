using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;
using EntiGraph.Stages.Curate;
using EntiGraph.Stages.Download;
using EntiGraph.Stages.Extract;
using EntiGraph.Stages.Synthesize;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Curate;

public sealed class CurateStageTests : IDisposable
{
    private const string Question = "Which engineer designed the spiral tunnel below the summit station of the Altmatt line in the winter of 1911?";

    private readonly Pipeline _pipeline = new([new DownloadStage(), new ExtractStage(), new SynthesizeStage(), new CurateStage()]);
    private readonly TempWorkspace _workspace = new();

    public CurateStageTests()
    {
        var good = "The council met on Tuesday evening to discuss the repairs to the old bridge over the river. " +
                   "Members agreed that the work should start in the spring, when the water is low and the days are longer. " +
                   "The engineer said the stone piers were sound but the railings and the road surface needed to be replaced before winter.";
        var pages = new[]
        {
            new { id = "p1", url = "https://news.example/bridge", text = good },
            new { id = "p2", url = "https://news.example/bridge-copy", text = good },
            new { id = "p3", url = "https://casino.example/win", text = "win win win cash cash cash bonus bonus bonus spins spins spins jackpot jackpot" },
            new { id = "p4", url = "https://forum.example/q", text = "Someone asked: " + Question + " The thread has several answers, and the most popular one names the chief engineer of the company, who worked on the line for twenty years." },
        };
        _workspace.WriteFile("experiments/x/pages.jsonl", string.Join("\n", pages.Select(p => JsonSerializer.Serialize(p))) + "\n");
        var article = new JsonObject
        {
            ["article_id"] = "a1", ["set_unique_id"] = "a1_1", ["batch_num"] = "1", ["writer_id"] = "1", ["source"] = "test",
            ["title"] = "The Altmatt Line", ["year"] = 1990, ["author"] = "Doe, Jane", ["topic"] = "railways",
            ["article"] = "<p>The Altmatt line climbs from the valley to the summit station through a spiral tunnel built in 1911.</p>",
            ["questions"] = new JsonArray(new JsonObject
            {
                ["question"] = Question, ["question_unique_id"] = "a1_q1",
                ["options"] = new JsonArray("Anselm Trübli", "Konrad Stäbli", "Matthias Oberholt", "Emil Drevny"),
                ["gold_label"] = 1, ["writer_label"] = 1, ["difficult"] = 0,
            }),
        };
        _workspace.WriteFile("experiments/x/quality.jsonl", article.ToJsonString() + "\n");
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Each_step_removes_what_it_should_and_the_report_says_so()
    {
        var manifest = await RunAsync("decontamination:\n    action: remove");

        var mixture = await Rows(manifest, CurateStage.MixtureFile);
        // p2 is p1 again, p4 quotes the evaluation question; the heuristics (off here) are tested on their own.
        Assert.Equal(["a1", "p1", "p3"], mixture.Select(r => r.Id).Order());
        Assert.All(mixture, r => Assert.Equal("domain", r.Origin));
        var report = JsonNode.Parse(File.ReadAllText(ArtifactFile(manifest, "report.json")))!["steps"]!.AsArray();
        var removed = report.ToDictionary(s => (string)s!["step"]!, s => (long)s!["documents_removed"]!);
        Assert.Equal(1, removed["exact_dedup"]);
        Assert.Equal(1, removed["decontamination"]);
        Assert.Equal(0, removed["mix"]);
        Assert.Contains("a1_q1", report.Single(s => (string)s!["step"]! == "decontamination")!["reasons"]!.ToJsonString());
        Assert.Contains("| exact_dedup | 5 | 4 | 1 |", File.ReadAllText(ArtifactFile(manifest, "report.md")).Replace("\u00a0", " "));
    }

    [Fact]
    public async Task Flagged_contamination_is_kept_and_named()
    {
        var manifest = await RunAsync("decontamination:\n    action: flag");

        var leaked = Assert.Single(await Rows(manifest, CurateStage.MixtureFile), r => r.Id == "p4");
        Assert.Equal("a1_q1", leaked.Contamination);
    }

    [Fact]
    public async Task The_mixture_is_the_same_in_another_store()
    {
        var first = await RunAsync("decontamination:\n    action: remove");
        using var other = new TempWorkspace();
        foreach (var file in new[] { "pages.jsonl", "quality.jsonl", "experiment.yaml" })
        {
            other.WriteFile(Path.Combine("experiments", "x", file), File.ReadAllText(Path.Combine(_workspace.ExperimentDirectory("x"), file)));
        }

        var second = await new Runner(_pipeline, other.Store, SilentReporter.Instance)
            .RunAsync(ExperimentLoader.Load(other.ExperimentDirectory("x"), _pipeline), "curate", new RunOptions());

        Assert.Equal(first.Key, second.Key);
        Assert.Equal(first.Outputs.Single(o => o.Path == CurateStage.MixtureFile), second.Outputs.Single(o => o.Path == CurateStage.MixtureFile));
    }

    [Fact]
    public async Task The_quality_step_without_example_sets_fails_clearly_and_publishes_nothing()
    {
        var error = await Assert.ThrowsAsync<StageFailedException>(() => RunAsync("decontamination:\n    action: remove", quality: true));

        Assert.Contains("curate.quality.positives is needed to train the quality classifier", error.Message);
        Assert.Null(_workspace.Store.CurrentKey("x", "curate"));
    }

    [Fact]
    public async Task A_trained_classifier_is_reused_from_another_experiments_artifact()
    {
        var lines = (string prefix) => string.Join("\n", Enumerable.Range(0, 12).Select(i => JsonSerializer.Serialize(new { text = $"{prefix} {i}" }))) + "\n";
        _workspace.WriteFile("experiments/x/positives.jsonl", lines("A clear explanation of how the council repairs a bridge over the river, step by step, example"));
        _workspace.WriteFile("experiments/x/negatives.jsonl", lines("win cash now bonus spins jackpot click here free free free offer"));
        var trained = await RunAsync("quality:\n    enabled: true\n    keep_fraction: 0.5\n    positives: positives.jsonl\n    negatives: negatives.jsonl", quality: null);
        _workspace.WriteExperiment("y", File.ReadAllText(Path.Combine(_workspace.ExperimentDirectory("x"), "experiment.yaml"))
            .Replace("path: pages.jsonl", "path: ../x/pages.jsonl").Replace("path: quality.jsonl", "path: ../x/quality.jsonl")
            .Replace("positives: positives.jsonl\n    negatives: negatives.jsonl", "classifier:\n      experiment: ../x\n      stage: curate"));

        var reused = await new Runner(_pipeline, _workspace.Store, SilentReporter.Instance)
            .RunAsync(ExperimentLoader.Load(_workspace.ExperimentDirectory("y"), _pipeline), "curate", new RunOptions());

        Assert.Equal(
            trained.Outputs.Single(o => o.Path == CurateStage.ClassifierFile).Hash,
            reused.Outputs.Single(o => o.Path == CurateStage.ClassifierFile).Hash);
        Assert.Equal(
            (await Rows(trained, CurateStage.MixtureFile)).Select(r => (r.Id, r.QualityScore)).Order(),
            (await Rows(reused, CurateStage.MixtureFile)).Select(r => (r.Id, r.QualityScore)).Order());
        Assert.Contains(reused.KeyInputs["inputs"]!.AsObject(), i => i.Key == "artifact:x/curate");
    }

    private async Task<Manifest> RunAsync(string curate, bool? quality = false)
    {
        var directory = _workspace.WriteExperiment("x", $"""
            seed: 7
            download:
              sources:
                - name: pages
                  path: pages.jsonl
                - name: quality
                  path: quality.jsonl
            extract:
              inputs:
                - source: pages
                  format: jsonl
                - source: quality
                  format: quality
            synthesize:
              method: raw
              raw:
                epochs: 1
            curate:
              pool: [domain]
              heuristics:
                enabled: false
              {(quality is null ? "" : $"quality:\n    enabled: {(quality.Value ? "true" : "false")}")}
              selection:
                enabled: false
              {curate}
            """);
        return await new Runner(_pipeline, _workspace.Store, SilentReporter.Instance)
            .RunAsync(ExperimentLoader.Load(directory, _pipeline), "curate", new RunOptions());
    }

    private string ArtifactFile(Manifest manifest, string name) => Path.Combine(_workspace.Store.EntryDirectory(manifest.Stage, manifest.Key), name);

    private async Task<List<MixtureRow>> Rows(Manifest manifest, string file) =>
        [.. await ExtractOutput.ReadAsync<MixtureRow>(ArtifactFile(manifest, file))];
}

using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;
using EntiGraph.Stages.Download;
using EntiGraph.Stages.Evaluate;
using EntiGraph.Stages.Extract;
using EntiGraph.Stages.Tests.Tokenize;
using EntiGraph.Stages.Tokenize;
using EntiGraph.Stages.Train;
using EntiGraph.TestKit;
using static EntiGraph.Stages.Tests.Extract.QualityData;

namespace EntiGraph.Stages.Tests.Evaluate;

/// <summary>
/// download -> extract (three QuALITY-style questions about one article) and fixture curate -> tokenize ->
/// train (one step of a one-layer model on 64-token blocks) -> evaluate, through the engine, so the
/// generative protocol runs on a real model folder and real extract tables.
/// </summary>
internal sealed class GenerativeHarness : IDisposable
{
    public const string Experiment = "x";

    private readonly Pipeline _pipeline = new([new DownloadStage(), new ExtractStage(), new FixtureCurateStage(), new TokenizeStage(), new TrainStage(), new EvaluateStage()]);

    public GenerativeHarness()
    {
        // QuALITY's gold labels count from 1: q1's answer is B, q2's C and q3's A.
        Workspace.WriteFile($"experiments/{Experiment}/quality.jsonl", Lines(
            Line("art-1", "art-1_s1", [Question("q1", gold: 2), Question("q2", gold: 3), Question("q3", gold: 1)], title: "The Long Night", author: "Smith, John", year: 1956)));
        var lines = TokenizeCorpus.Documents.Select(d => JsonSerializer.Serialize(new { text = d }));
        Workspace.WriteFile($"experiments/{Experiment}/docs.jsonl", string.Join("\n", lines) + "\n");
    }

    public TempWorkspace Workspace { get; } = new();

    public RecordingReporter Reporter { get; } = new();

    /// <summary>Writes the experiment with <paramref name="generative"/> as the body of evaluate.generative (four spaces of indentation).</summary>
    public Experiment Write(string generative) => ExperimentLoader.Load(Workspace.WriteExperiment(Experiment, $"""
        seed: 3
        download:
          sources:
            - name: quality
              path: quality.jsonl
        extract:
          inputs:
            - source: quality
              format: quality
              split: dev
        curate:
          documents: docs.jsonl
        tokenize:
          vocab_size: 300
          block_size: 64
        train:
          model:
            hidden_size: 16
            intermediate_size: 32
            num_hidden_layers: 1
            num_attention_heads: 2
            num_key_value_heads: 1
          batch_size: 2
          max_steps: 1
        evaluate:
          multiple_choice:
            enabled: false
          perplexity:
            enabled: false
          generative:
            enabled: true
        {generative}
        """), _pipeline);

    public Task<Manifest> EvaluateAsync(Experiment experiment, RunOptions? options = null) =>
        new Runner(_pipeline, Workspace.Store, Reporter).RunAsync(experiment, "evaluate", options ?? new RunOptions());

    public string File(Manifest manifest, string name) => Path.Combine(Workspace.Store.EntryDirectory(manifest.Stage, manifest.Key), name);

    public JsonObject Eval(Manifest manifest) => JsonNode.Parse(System.IO.File.ReadAllText(File(manifest, EvaluateStage.EvalFile)))!.AsObject();

    public async Task<List<GenerativeResult>> RowsAsync(Manifest manifest) =>
        [.. await ExtractOutput.ReadAsync<GenerativeResult>(File(manifest, EvaluateStage.GenerativeFile))];

    public void Dispose() => Workspace.Dispose();
}

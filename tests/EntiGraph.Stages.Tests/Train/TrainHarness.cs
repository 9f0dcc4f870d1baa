using System.Text.Json;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;
using EntiGraph.Stages.Tests.Tokenize;
using EntiGraph.Stages.Tokenize;
using EntiGraph.Stages.Train;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Train;

/// <summary>fixture curate -> tokenize -> train through the engine, with a model small enough to train in a second.</summary>
internal sealed class TrainHarness : IDisposable
{
    /// <summary>A 2-layer model of width 32 on blocks of 33 tokens.</summary>
    public const string TinyModel = """
          model:
            hidden_size: 32
            intermediate_size: 64
            num_hidden_layers: 2
            num_attention_heads: 4
            num_key_value_heads: 2
        """;

    private readonly Pipeline _pipeline = new([new FixtureCurateStage(), new TokenizeStage(), new TrainStage()]);

    public TrainHarness()
    {
        var lines = TokenizeCorpus.Documents.Select(d => JsonSerializer.Serialize(new { text = d }));
        Workspace.WriteFile("experiments/docs.jsonl", string.Join("\n", lines) + "\n");
    }

    public TempWorkspace Workspace { get; } = new();

    public RecordingReporter Reporter { get; } = new();

    /// <summary>Writes experiments/<paramref name="name"/> with the fixture data, a small BPE and the given train section.</summary>
    public string Write(string name, string train, long seed = 7, string? tokenize = null) =>
        Workspace.WriteExperiment(name, $"""
            seed: {seed}
            curate:
              documents: ../docs.jsonl
            tokenize:
            {tokenize ?? "  vocab_size: 320\n  block_size: 33\n  validation_fraction: 0.1"}
            train:
            {TinyModel}
            {train}
            """);

    public Task<Manifest> RunAsync(string experimentFile, RunOptions? options = null, IRunReporter? reporter = null, CancellationToken cancellationToken = default)
    {
        var experiment = ExperimentLoader.Load(experimentFile, _pipeline);
        return new Runner(_pipeline, Workspace.Store, reporter ?? Reporter).RunAsync(experiment, "train", options ?? new RunOptions(), cancellationToken);
    }

    public string File(Manifest manifest, string name) => Path.Combine(Workspace.Store.EntryDirectory(manifest.Stage, manifest.Key), name);

    public byte[] Bytes(Manifest manifest, string name) => System.IO.File.ReadAllBytes(File(manifest, name));

    public void Dispose() => Workspace.Dispose();
}

using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;
using EntiGraph.Stages.Tokenize;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Tokenize;

/// <summary>fixture curate -> tokenize through the engine, in a throwaway workspace.</summary>
internal sealed class TokenizeHarness : IDisposable
{
    private readonly Pipeline _pipeline = new([new FixtureCurateStage(), new TokenizeStage()]);

    public TokenizeHarness(IEnumerable<string>? documents = null)
    {
        var lines = (documents ?? TokenizeCorpus.Documents).Select(d => JsonSerializer.Serialize(new { text = d }));
        Workspace.WriteFile("experiments/x/docs.jsonl", string.Join("\n", lines) + "\n");
    }

    public TempWorkspace Workspace { get; } = new();

    public RecordingReporter Reporter { get; } = new();

    public Task<Manifest> RunAsync(string tokenize, long seed = 42)
    {
        var yaml = $"""
            seed: {seed}
            curate:
              documents: docs.jsonl
            tokenize:
            {tokenize}
            """;
        var experiment = ExperimentLoader.Load(Workspace.WriteExperiment("x", yaml), _pipeline);
        return new Runner(_pipeline, Workspace.Store, Reporter).RunAsync(experiment, "tokenize", new RunOptions());
    }

    public string File(Manifest manifest, string name) => Path.Combine(Workspace.Store.EntryDirectory(manifest.Stage, manifest.Key), name);

    public JsonObject Index(Manifest manifest) => JsonNode.Parse(System.IO.File.ReadAllText(File(manifest, TokenizeStage.IndexFile)))!.AsObject();

    public void Dispose() => Workspace.Dispose();
}

using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;
using EntiGraph.Stages.Tokenize;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Tokenize;

/// <summary>fixture curate -> tokenize (-> fixture train) through the engine, in a throwaway workspace.</summary>
internal sealed class TokenizeHarness : IDisposable
{
    private readonly Pipeline _pipeline = new([new FixtureCurateStage(), new TokenizeStage(), new FixtureTrainStage()]);

    public TokenizeHarness(IEnumerable<string>? documents = null, IEnumerable<string>? replay = null)
    {
        WriteDocuments("x", documents ?? TokenizeCorpus.Documents, replay);
    }

    public TempWorkspace Workspace { get; } = new();

    public RecordingReporter Reporter { get; } = new();

    /// <summary>Gives experiment <paramref name="experiment"/> its mixture (docs.jsonl) and, if any, its replay documents (replay.jsonl).</summary>
    public void WriteDocuments(string experiment, IEnumerable<string> documents, IEnumerable<string>? replay = null)
    {
        static string Lines(IEnumerable<string> texts) => string.Join("\n", texts.Select(d => JsonSerializer.Serialize(new { text = d }))) + "\n";
        Workspace.WriteFile($"experiments/{experiment}/docs.jsonl", Lines(documents));
        if (replay is not null)
        {
            Workspace.WriteFile($"experiments/{experiment}/replay.jsonl", Lines(replay));
        }
    }

    public Task<Manifest> RunAsync(string tokenize, long seed = 42, string experiment = "x")
    {
        var replay = System.IO.File.Exists(Path.Combine(Workspace.ExperimentDirectory(experiment), "replay.jsonl")) ? "\n  replay: replay.jsonl" : "";
        var yaml = $"""
            seed: {seed}
            curate:
              documents: docs.jsonl{replay}
            tokenize:
            {tokenize}
            """;
        var loaded = ExperimentLoader.Load(Workspace.WriteExperiment(experiment, yaml), _pipeline);
        return new Runner(_pipeline, Workspace.Store, Reporter).RunAsync(loaded, "tokenize", new RunOptions());
    }

    public string File(Manifest manifest, string name) => Path.Combine(Workspace.Store.EntryDirectory(manifest.Stage, manifest.Key), name);

    public JsonObject Index(Manifest manifest) => JsonNode.Parse(System.IO.File.ReadAllText(File(manifest, TokenizeStage.IndexFile)))!.AsObject();

    public void Dispose() => Workspace.Dispose();
}

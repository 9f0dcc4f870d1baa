using System.Text.Json;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;
using EntiGraph.Stages.Download;
using EntiGraph.Stages.Extract;
using EntiGraph.Stages.Synthesize;
using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Synthesize;

/// <summary>
/// download -> extract -> synthesize on two small documents, through the engine, with answers put in
/// the response store beforehand so that the recorded backend can replay them.
/// </summary>
internal sealed class SynthesisHarness : IDisposable
{
    public const string Documents = """
        {"id": "d1", "title": "The Tallow Works", "text": "Ansel Morrow founded the Tallow Works at Fennick in 1871. His partner Ida Crane kept the books. The works burned in 1890."}
        {"id": "d2", "title": "Lake Orrin", "text": "Lake Orrin lies below Mount Vell. The ferry Ostrel crossed it from Brask to Tolm until 1932."}
        """;

    private readonly Pipeline _pipeline = new([new DownloadStage(), new ExtractStage(), new SynthesizeStage()]);

    public SynthesisHarness()
    {
        Workspace.WriteFile("experiments/x/docs.jsonl", Documents.Replace("\r\n", "\n") + "\n");
    }

    public TempWorkspace Workspace { get; } = new();

    public RecordingReporter Reporter { get; } = new();

    public string StoreFile => SynthesizeStage.ResponseStoreFile(Workspace.Store.CacheDirectory);

    public static string Yaml(string synthesize) => $"""
        seed: 42
        download:
          sources:
            - name: docs
              path: docs.jsonl
        extract:
          inputs:
            - source: docs
        synthesize:
        {synthesize}
        """;

    public Experiment Write(string yaml) => ExperimentLoader.Load(Workspace.WriteExperiment("x", yaml), _pipeline);

    public async Task<IReadOnlyList<SourceDocument>> DocumentsAsync(Experiment experiment)
    {
        var extract = await new Runner(_pipeline, Workspace.Store, Reporter).RunAsync(experiment, "extract", new RunOptions());
        return await SynthesizeStage.LoadDocumentsAsync(Path.Combine(Workspace.Store.EntryDirectory("extract", extract.Key), ExtractOutput.DocumentsFile));
    }

    /// <summary>Stores authored answers (AuthoredAnswers lines) for the experiment's requests.</summary>
    public async Task AuthorAsync(Experiment experiment, params object[] lines)
    {
        var file = Path.Combine(Workspace.Root, "authored.jsonl");
        await File.WriteAllLinesAsync(file, lines.Select(l => JsonSerializer.Serialize(l)));
        var settings = SynthesizeStage.GeneratorSettingsOf(experiment.Section("synthesize").Config);
        using var store = new ResponseStore(StoreFile);
        foreach (var answer in AuthoredAnswers.Match(file, await DocumentsAsync(experiment), settings))
        {
            store.Put(answer);
        }
    }

    public Task<Manifest> SynthesizeAsync(Experiment experiment) =>
        new Runner(_pipeline, Workspace.Store, Reporter).RunAsync(experiment, "synthesize", new RunOptions());

    public async Task<List<SyntheticRow>> RowsAsync(Manifest manifest) =>
        [.. await ExtractOutput.ReadAsync<SyntheticRow>(Path.Combine(Workspace.Store.EntryDirectory(manifest.Stage, manifest.Key), SynthesizeStage.OutputFile))];

    public string ArtifactFile(Manifest manifest, string name) => Path.Combine(Workspace.Store.EntryDirectory(manifest.Stage, manifest.Key), name);

    public void Dispose() => Workspace.Dispose();
}

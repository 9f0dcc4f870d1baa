using System.Text;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;
using EntiGraph.Stages.Extract;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Extract;

/// <summary>What one extract run wrote, read back.</summary>
internal sealed record ExtractResult(string Directory, Manifest? Manifest, IList<DocumentRow> Documents, IList<QuestionRow> Questions)
{
    public DocumentRow Document(string id) => Assert.Single(Documents, d => d.Id == id);
}

/// <summary>
/// A workspace with raw files per download source (<c>experiments/x/raw/&lt;source&gt;/...</c>), run
/// through the engine with <see cref="FixtureDownloadStage"/> in front of the real extract stage.
/// </summary>
internal sealed class ExtractFixture : IDisposable
{
    public const string ExperimentName = "x";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly TempWorkspace _workspace = new();

    public Pipeline Pipeline { get; } = new([new FixtureDownloadStage(), new ExtractStage()]);

    public ArtifactStore Store => _workspace.Store;

    public string Root => _workspace.Root;

    public ProgressRecorder Reporter { get; } = new();

    public string RawRoot => Path.Combine(_workspace.ExperimentDirectory(ExperimentName), "raw");

    public string RawFile(string source, string path) => Path.Combine(RawRoot, source, path);

    public void Add(string source, string path, string content) => AddBytes(source, path, Utf8.GetBytes(content));

    public void AddBytes(string source, string path, byte[] content)
    {
        var file = RawFile(source, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, content);
    }

    /// <summary>Writes the experiment with <paramref name="extractSection"/> (YAML, unindented) and loads it.</summary>
    public Experiment Experiment(string extractSection)
    {
        Directory.CreateDirectory(RawRoot);
        var indented = string.Join('\n', extractSection.ReplaceLineEndings("\n").TrimEnd().Split('\n').Select(l => "  " + l));
        _workspace.WriteExperiment(ExperimentName, $"seed: 1\ndownload:\n  folder: raw\nextract:\n{indented}\n");
        return _workspace.Load(ExperimentName, Pipeline);
    }

    public async Task<ExtractResult> RunAsync(string extractSection)
    {
        var runner = new Runner(Pipeline, Store, Reporter);
        var manifest = await runner.RunAsync(Experiment(extractSection), "extract", new RunOptions());
        return await ReadAsync(Store.EntryDirectory("extract", manifest.Key), manifest);
    }

    /// <summary>Runs a build that must fail in extract; checks that nothing of extract was published.</summary>
    public async Task<ExtractInputException> FailAsync(string extractSection)
    {
        var runner = new Runner(Pipeline, Store, Reporter);
        var experiment = Experiment(extractSection);
        var failed = await Assert.ThrowsAsync<StageFailedException>(() => runner.RunAsync(experiment, "extract", new RunOptions()));

        Assert.Equal("extract", failed.Stage);
        AssertNothingPublished();
        return Assert.IsType<ExtractInputException>(failed.InnerException);
    }

    public void AssertNothingPublished()
    {
        Assert.DoesNotContain(Store.Entries(), e => e.Stage == "extract");
        Assert.Null(Store.CurrentKey(ExperimentName, "extract"));
        Assert.False(Directory.Exists(Path.Combine(Store.StoreDirectory, "extract")));
        if (Directory.Exists(Store.TemporaryDirectory))
        {
            Assert.Empty(Directory.GetDirectories(Store.TemporaryDirectory));
        }
    }

    /// <summary>
    /// Runs the stage itself, outside the engine, on the raw sources laid out as a download artifact
    /// in a new folder; returns the folder it wrote.
    /// </summary>
    public async Task<string> RunDirectAsync(string extractSection, string? artifact = null)
    {
        var experiment = Experiment(extractSection);
        if (artifact is null)
        {
            artifact = Path.Combine(Root, "download-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(artifact);
            File.WriteAllText(Path.Combine(artifact, "sources.json"), FixtureDownloadStage.Layout(RawRoot, artifact).ToJsonString());
        }

        var output = Path.Combine(Root, "out-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        var stage = Pipeline["extract"];
        var context = new StageContext
        {
            Experiment = experiment,
            Stage = stage,
            Config = experiment.Section("extract").Config,
            Seed = experiment.Seed,
            OutputDirectory = output,
            Inputs = new Dictionary<string, StageInput> { ["download"] = new StageInput(artifact, DownloadManifest()) },
            Artifacts = new Dictionary<string, StageInput>(),
            Reporter = Reporter,
            CacheDirectory = Path.Combine(Root, "cache"),
        };
        await stage.RunAsync(context, CancellationToken.None);
        return output;
    }

    private static Manifest DownloadManifest() => new()
    {
        Stage = "download",
        Key = "fixture",
        Experiment = ExperimentName,
        KeyInputs = [],
        Outputs = [],
        ContentHash = "fixture",
        Timings = new Timings(default, default, 0),
        CodeVersion = "fixture",
        Machine = MachineInfo.Current(),
    };

    public static async Task<ExtractResult> ReadAsync(string directory, Manifest? manifest = null) => new(
        directory,
        manifest,
        await ExtractOutput.ReadAsync<DocumentRow>(Path.Combine(directory, ExtractOutput.DocumentsFile)),
        await ExtractOutput.ReadAsync<QuestionRow>(Path.Combine(directory, ExtractOutput.QuestionsFile)));

    public void Dispose() => _workspace.Dispose();
}

using System.Text.Json;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Store;
using EntiGraph.Stages.Download;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Download;

/// <summary>Runs the download stage through the engine on an experiment the test writes.</summary>
internal sealed class DownloadHarness : IDisposable
{
    private readonly Pipeline _pipeline = new([new DownloadStage()]);

    public TempWorkspace Workspace { get; } = new();

    public RecordingReporter Reporter { get; } = new();

    public async Task<Manifest> RunAsync(string yaml)
    {
        var directory = Workspace.WriteExperiment("x", yaml);
        var experiment = Engine.Spec.ExperimentLoader.Load(directory, _pipeline);
        return await new Runner(_pipeline, Workspace.Store, Reporter).RunAsync(experiment, "download", new RunOptions());
    }

    public async Task<DownloadException> FailAsync(string yaml)
    {
        var failure = await Assert.ThrowsAsync<StageFailedException>(() => RunAsync(yaml));
        Assert.Empty(Workspace.Store.Entries());
        Assert.Null(Workspace.Store.CurrentKey("x", "download"));
        return Assert.IsType<DownloadException>(failure.InnerException);
    }

    public IReadOnlyList<FetchedSource> Sources(Manifest manifest) =>
        JsonSerializer.Deserialize<List<FetchedSource>>(File.ReadAllText(ArtifactFile(manifest, DownloadStage.SourcesFile)), FetchedSource.JsonOptions)!;

    public string ArtifactFile(Manifest manifest, string relative) =>
        Path.Combine(Workspace.Store.EntryDirectory(manifest.Stage, manifest.Key), relative);

    public void Dispose() => Workspace.Dispose();
}

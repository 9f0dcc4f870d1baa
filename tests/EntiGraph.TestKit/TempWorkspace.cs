using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;

namespace EntiGraph.TestKit;

/// <summary>
/// A throwaway checkout on disk: <c>experiments/</c> with files the test writes, and <c>artifacts/</c>
/// holding the store. Deleted on dispose.
/// </summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "entigraph-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Store = new ArtifactStore(Path.Combine(Root, "artifacts"));
    }

    public string Root { get; }

    public ArtifactStore Store { get; }

    public string ExperimentDirectory(string name) => Path.Combine(Root, "experiments", name);

    /// <summary>Writes <c>experiments/&lt;name&gt;/experiment.yaml</c> and returns the folder.</summary>
    public string WriteExperiment(string name, string yaml)
    {
        var directory = ExperimentDirectory(name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ExperimentLoader.FileName), yaml);
        return directory;
    }

    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public Experiment Load(string name, Pipeline pipeline) => ExperimentLoader.Load(ExperimentDirectory(name), pipeline);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

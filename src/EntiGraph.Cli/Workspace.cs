using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;

namespace EntiGraph.Cli;

/// <summary>Where a command's experiment and store are: from its options, the environment, or the checkout.</summary>
internal sealed record Workspace(string ExperimentDirectory, ArtifactStore Store)
{
    public const string DefaultExperiment = "experiments/entigraph-tiny";

    public const string ArtifactsVariable = "ENTIGRAPH_ARTIFACTS";

    public static Workspace Resolve(string? experiment, string? artifacts)
    {
        var experimentDirectory = Path.GetFullPath(experiment ?? DefaultExperiment);
        if (File.Exists(experimentDirectory))
        {
            experimentDirectory = Path.GetDirectoryName(experimentDirectory)!;
        }

        artifacts ??= Environment.GetEnvironmentVariable(ArtifactsVariable);
        artifacts ??= Path.Combine(FindCheckoutRoot(experimentDirectory), "artifacts");
        return new Workspace(experimentDirectory, new ArtifactStore(artifacts));
    }

    public Experiment LoadExperiment(Pipeline pipeline) => ExperimentLoader.Load(ExperimentDirectory, pipeline);

    // The store sits beside the experiments of the checkout they belong to, wherever the command runs from.
    private static string FindCheckoutRoot(string experimentDirectory)
    {
        for (var directory = new DirectoryInfo(experimentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "global.json")) || Directory.Exists(Path.Combine(directory.FullName, ".git")))
            {
                return directory.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;

namespace EntiGraph.Engine.Running;

/// <summary>A published artifact a stage reads: its folder in the store and its manifest.</summary>
public sealed record StageInput(string Directory, Manifest Manifest)
{
    public string File(string relativePath) => Path.Combine(Directory, relativePath);
}

/// <summary>Everything a stage may look at while it runs, and where it writes.</summary>
public sealed class StageContext
{
    private static readonly JsonSerializerOptions BindOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public required Experiment Experiment { get; init; }

    public required Stage Stage { get; init; }

    /// <summary>The stage's resolved configuration: defaults filled in, exactly what the key hashed.</summary>
    public required JsonObject Config { get; init; }

    public required long Seed { get; init; }

    /// <summary>The store key being built: work kept across interrupted runs (checkpoints) is filed under it.</summary>
    public string Key { get; init; } = "";

    /// <summary>A private temporary folder; it becomes the artifact when the stage returns.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The artifacts of the stages named in <see cref="Stage.Needs"/>.</summary>
    public required IReadOnlyDictionary<string, StageInput> Inputs { get; init; }

    /// <summary>Other experiments' artifacts named in the configuration, by configuration key.</summary>
    public required IReadOnlyDictionary<string, StageInput> Artifacts { get; init; }

    public required IRunReporter Reporter { get; init; }

    /// <summary>
    /// A folder of this stage's that outlives runs (partial downloads, request caches). What is in it
    /// must never change an artifact: it only saves work.
    /// </summary>
    public required string CacheDirectory { get; init; }

    /// <summary>Figures the stage wants in its manifest (counts, sizes, losses).</summary>
    public JsonObject Metrics { get; } = [];

    /// <summary>The full path of a <see cref="FieldKind.Path"/> value of the configuration.</summary>
    public string ResolvePath(string configValue) =>
        Experiment.Section(Stage.Name).Paths.FirstOrDefault(p => p.Name == configValue)?.FullPath
        ?? Path.GetFullPath(Path.Combine(Experiment.Directory, configValue));

    public string OutputPath(string relativePath)
    {
        var path = Path.Combine(OutputDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>The configuration as a typed record (snake_case keys).</summary>
    public T Bind<T>() => Config.Deserialize<T>(BindOptions)
        ?? throw new InvalidOperationException($"stage '{Stage.Name}': empty configuration");
}

using System.Text.Json.Nodes;

namespace EntiGraph.Engine.Spec;

/// <summary>A stage's section of an experiment, resolved: defaults filled in, paths and artifacts found.</summary>
public sealed record StageSection(
    JsonObject Config,
    IReadOnlyList<PathReference> Paths,
    IReadOnlyList<ArtifactReference> Artifacts);

/// <summary>
/// An experiment as the engine uses it: its folder (whose name is the experiment's name), its seed,
/// and one resolved section per stage of the pipeline.
/// </summary>
public sealed record Experiment(
    string Name,
    string Directory,
    string SpecFile,
    string? Description,
    long Seed,
    IReadOnlyDictionary<string, StageSection> Sections)
{
    public StageSection Section(string stage) =>
        Sections.TryGetValue(stage, out var section)
            ? section
            : throw new ArgumentException($"experiment '{Name}' has no section for stage '{stage}'", nameof(stage));
}

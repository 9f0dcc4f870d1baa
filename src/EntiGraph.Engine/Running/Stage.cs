using EntiGraph.Engine.Spec;

namespace EntiGraph.Engine.Running;

/// <summary>
/// A build target of the pipeline. Its key is a hash of <see cref="Name"/>, <see cref="Version"/>,
/// its resolved configuration, the content of its inputs, the seed (if <see cref="UsesSeed"/>) and
/// <see cref="Versions"/>: nothing else may change what <see cref="RunAsync"/> writes.
/// </summary>
public abstract class Stage
{
    /// <summary>The lower-case name used in experiment files, the store and the CLI.</summary>
    public abstract string Name { get; }

    /// <summary>The algorithm version: bump it whenever the same inputs would now give other outputs.</summary>
    public abstract int Version { get; }

    /// <summary>The stages whose artifacts this one reads.</summary>
    public virtual IReadOnlyList<string> Needs => [];

    public virtual ConfigSchema Schema => ConfigSchema.Empty;

    public virtual bool UsesSeed => true;

    /// <summary>
    /// True for a stage whose output names the store keys of what it read (a model card): its key then
    /// covers those keys, not only their content, so a rebuilt input with the same bytes rebuilds it too.
    /// </summary>
    public virtual bool NamesInputKeys => false;

    /// <summary>Versions of libraries or data that change the output (e.g. libtorch), by name.</summary>
    public virtual IReadOnlyDictionary<string, string> Versions => new Dictionary<string, string>();

    public virtual string Description => "";

    /// <summary>
    /// Output files that record how the run went rather than what it made (throughput, timings): they
    /// differ between identical runs, so they are left out of the content hash downstream keys read.
    /// </summary>
    public virtual IReadOnlyCollection<string> VolatileOutputs => [];

    /// <summary>
    /// What building this stage needs from outside the checkout (a network service, a credential, a
    /// device), each said so a person can provide it; status lists them for stale stages.
    /// </summary>
    public virtual IEnumerable<string> Prerequisites(System.Text.Json.Nodes.JsonObject config) => [];

    /// <summary>Writes the artifact into <see cref="StageContext.OutputDirectory"/>; throwing publishes nothing.</summary>
    public abstract Task RunAsync(StageContext context, CancellationToken cancellationToken);
}

/// <summary>Thrown by a stage of the pipeline whose implementation this version does not include.</summary>
public sealed class StageNotImplementedException(string stage, string what)
    : Exception($"stage '{stage}' is not implemented in this version of EntiGraph: {what}. The pipeline stops here; nothing was published for '{stage}'.");

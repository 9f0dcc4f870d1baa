using System.Diagnostics;
using System.Reflection;
using EntiGraph.Engine.Hashing;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;

namespace EntiGraph.Engine.Running;

/// <summary>
/// Builds stages the way a build system does: compute each stage's key from its inputs, reuse the
/// store entry if the key is there ("up to date"), otherwise say why and run the stage into a
/// temporary folder that is published by one rename.
/// </summary>
public sealed class Runner(Pipeline pipeline, ArtifactStore store, IRunReporter reporter)
{
    public StatCache StatCache { get; } = StatCache.Open(Path.Combine(store.CacheDirectory, "stat-cache.json"));

    public static string CodeVersion { get; } =
        typeof(Runner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Builds <paramref name="target"/> and whatever it needs that is missing or stale.</summary>
    public async Task<Manifest> RunAsync(Experiment experiment, string target, RunOptions options, CancellationToken cancellationToken = default)
    {
        using var storeLock = StoreLock.Acquire(
            store.StoreDirectory,
            options.LockTimeout,
            owner => reporter.Info($"waiting for the store lock, held by {owner}"));
        var cleaned = store.CleanTemporary();
        if (cleaned > 0)
        {
            reporter.Info($"removed {cleaned} half-written artifact(s) left by an interrupted run");
        }

        try
        {
            return await BuildAsync(experiment, pipeline[target].Name, options, [], cancellationToken);
        }
        finally
        {
            StatCache.Save();
        }
    }

    /// <summary>Where each stage stands, without building or changing anything in the store.</summary>
    public IReadOnlyList<StageStatus> Status(Experiment experiment, string? target = null)
    {
        try
        {
            return Evaluate(experiment, target, []);
        }
        finally
        {
            StatCache.Save();
        }
    }

    private async Task<Manifest> BuildAsync(Experiment experiment, string target, RunOptions options, List<string> chain, CancellationToken cancellationToken)
    {
        var built = new Dictionary<string, Manifest>(StringComparer.Ordinal);
        var stages = options.Single ? [pipeline[target]] : pipeline.Upstream(target);
        foreach (var stage in stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var stageInputs = new Dictionary<string, StageInput>(StringComparer.Ordinal);
            foreach (var need in stage.Needs)
            {
                var manifest = built.TryGetValue(need, out var m) ? m : RequireUpToDate(experiment, stage, need);
                AddStageInput(inputs, stage, need, manifest);
                stageInputs[need] = new StageInput(store.EntryDirectory(need, manifest.Key), manifest);
            }

            var section = experiment.Section(stage.Name);
            HashPaths(section, inputs);

            var artifacts = new Dictionary<string, StageInput>(StringComparer.Ordinal);
            foreach (var reference in section.Artifacts)
            {
                var other = ExperimentLoader.Load(reference.ExperimentDirectory, pipeline);
                var manifest = await BuildAsync(other, pipeline[reference.Stage].Name, new RunOptions(), Chain(chain, other, reference.Stage), cancellationToken);
                inputs[$"artifact:{other.Name}/{manifest.Stage}"] = manifest.ContentHash;
                artifacts[reference.ConfigKey] = new StageInput(store.EntryDirectory(manifest.Stage, manifest.Key), manifest);
            }

            var document = StageKey.Document(stage, section.Config, inputs, experiment.Seed);
            var key = StageKey.Of(document);
            var force = options.Force && stage.Name == target;
            if (!force && store.TryRead(stage.Name, key) is { } cached)
            {
                store.SetCurrent(experiment.Name, stage.Name, key);
                reporter.UpToDate(experiment.Name, stage.Name, key);
                built[stage.Name] = cached;
                continue;
            }

            var previous = store.CurrentManifest(experiment.Name, stage.Name);
            var damaged = Directory.Exists(store.EntryDirectory(stage.Name, key));
            var reasons = force ? ["forced (--force)"]
                : damaged ? ["the store entry's manifest is unreadable"]
                : KeyDiff.Explain(previous?.KeyInputs, document);
            reporter.Rebuilding(experiment.Name, stage.Name, key, reasons);
            var context = new StageContext
            {
                Experiment = experiment,
                Stage = stage,
                Config = section.Config,
                Seed = experiment.Seed,
                OutputDirectory = store.BeginWrite(stage.Name, key),
                Inputs = stageInputs,
                Artifacts = artifacts,
                Reporter = reporter,
                CacheDirectory = Path.Combine(store.CacheDirectory, stage.Name),
                Key = key,
            };
            built[stage.Name] = await ExecuteAsync(context, key, document, force || damaged, cancellationToken);
        }

        return built[target];
    }

    private async Task<Manifest> ExecuteAsync(StageContext context, string key, System.Text.Json.Nodes.JsonObject document, bool replace, CancellationToken cancellationToken)
    {
        var experiment = context.Experiment.Name;
        var stage = context.Stage.Name;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            await context.Stage.RunAsync(context, cancellationToken);
            if (File.Exists(Path.Combine(context.OutputDirectory, Manifest.FileName)))
            {
                throw new InvalidOperationException($"the stage wrote a file named {Manifest.FileName}, which the store reserves");
            }
        }
        catch (Exception error)
        {
            TryDelete(context.OutputDirectory);
            reporter.Failed(experiment, stage, error);
            throw new StageFailedException(experiment, stage, error);
        }

        var outputs = ContentHash.ListFiles(context.OutputDirectory)
            .Select(f => new OutputFile(f.Relative, ContentHash.OfFile(f.Full), new FileInfo(f.Full).Length,
                context.Stage.VolatileOutputs.Contains(f.Relative) ? true : null))
            .ToList();
        var manifest = new Manifest
        {
            Stage = stage,
            Key = key,
            Experiment = experiment,
            KeyInputs = document,
            Outputs = outputs,
            ContentHash = Manifest.HashOutputs(outputs),
            Metrics = context.Metrics,
            Timings = new Timings(started, DateTimeOffset.UtcNow, clock.Elapsed.TotalSeconds),
            CodeVersion = CodeVersion,
            Machine = MachineInfo.Current(),
        };
        await File.WriteAllTextAsync(Path.Combine(context.OutputDirectory, Manifest.FileName), manifest.ToJson(), cancellationToken);
        store.Publish(context.OutputDirectory, stage, key, replace);
        store.SetCurrent(experiment, stage, key);
        reporter.Built(experiment, stage, key, clock.Elapsed);
        return manifest;
    }

    private Manifest RequireUpToDate(Experiment experiment, Stage stage, string need)
    {
        var status = Evaluate(experiment, need, [])[^1];
        if (status.State == StageState.UpToDate && store.TryRead(need, status.Key!) is { } manifest)
        {
            return manifest;
        }

        throw new InvalidOperationException(
            $"stage '{stage.Name}' needs '{need}', which is not up to date ({string.Join("; ", status.Reasons)}); "
            + $"build '{need}' first, or run '{stage.Name}' with its upstream stages");
    }

    // What a key sees of an upstream artifact of the same experiment; building and status must agree on it.
    private static void AddStageInput(SortedDictionary<string, string> inputs, Stage stage, string need, Manifest manifest)
    {
        inputs[$"stage:{need}"] = manifest.ContentHash;
        if (stage.NamesInputKeys)
            inputs[$"key:{need}"] = manifest.Key;
    }

    private List<StageStatus> Evaluate(Experiment experiment, string? target, List<string> chain)
    {
        var statuses = new List<StageStatus>();
        var current = new Dictionary<string, Manifest>(StringComparer.Ordinal);
        var stages = target is null ? pipeline.Stages : pipeline.Upstream(target);
        foreach (var stage in stages)
        {
            var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var unknown = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var need in stage.Needs)
            {
                if (current.TryGetValue(need, out var manifest))
                {
                    AddStageInput(inputs, stage, need, manifest);
                }
                else
                {
                    unknown.Add($"stage:{need}");
                }
            }

            var section = experiment.Section(stage.Name);
            HashPaths(section, inputs);
            foreach (var reference in section.Artifacts)
            {
                var other = ExperimentLoader.Load(reference.ExperimentDirectory, pipeline);
                var otherStage = pipeline[reference.Stage].Name;
                var status = Evaluate(other, otherStage, Chain(chain, other, otherStage))[^1];
                var name = $"artifact:{other.Name}/{otherStage}";
                if (status.State == StageState.UpToDate && store.TryRead(otherStage, status.Key!) is { } manifest)
                {
                    inputs[name] = manifest.ContentHash;
                }
                else
                {
                    unknown.Add(name);
                }
            }

            var document = StageKey.Document(stage, section.Config, inputs, experiment.Seed);
            var previous = store.CurrentManifest(experiment.Name, stage.Name)?.KeyInputs;
            if (unknown.Count > 0)
            {
                var reasons = unknown.Select(u => $"input {u} is not up to date").ToList();
                if (previous is null)
                {
                    reasons.Add("never built for this experiment");
                }
                else
                {
                    reasons.AddRange(KeyDiff.Explain(previous, document, unknown));
                }

                reasons.AddRange(stage.Prerequisites(section.Config).Select(p => $"needs {p}"));
                statuses.Add(new(experiment.Name, stage.Name, StageState.Stale, null, reasons));
                continue;
            }

            var key = StageKey.Of(document);
            if (store.TryRead(stage.Name, key) is { } cached)
            {
                current[stage.Name] = cached;
                var note = store.CurrentKey(experiment.Name, stage.Name) == key
                    ? []
                    : new[] { "in the store from another build; a run will link it without rebuilding" };
                statuses.Add(new(experiment.Name, stage.Name, StageState.UpToDate, key, note));
            }
            else
            {
                var reasons = KeyDiff.Explain(previous, document).Concat(stage.Prerequisites(section.Config).Select(p => $"needs {p}")).ToList();
                statuses.Add(new(experiment.Name, stage.Name, StageState.Stale, key, reasons));
            }
        }

        return statuses;
    }

    private void HashPaths(StageSection section, IDictionary<string, string> inputs)
    {
        foreach (var path in section.Paths)
        {
            inputs[$"file:{path.Name}"] = StatCache.HashPath(path.FullPath);
        }
    }

    private static List<string> Chain(List<string> chain, Experiment other, string stage)
    {
        var link = $"{other.Directory}#{stage}";
        if (chain.Contains(link))
        {
            throw new InvalidOperationException($"experiments refer to each other's artifacts in a cycle: {string.Join(" -> ", chain.Append(link))}");
        }

        return [.. chain, link];
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // What a failed stage leaves in the temporary area is removed by the next run.
        }
    }
}

using System.Globalization;
using EntiGraph.Engine.Running;

namespace EntiGraph.Engine.Spec;

/// <summary>
/// Loads <c>experiment.yaml</c>, follows <c>extends:</c> so that a variant names only what differs,
/// and validates every section against the schema of its stage.
/// </summary>
public static class ExperimentLoader
{
    public const string FileName = "experiment.yaml";

    private static readonly string[] TopLevelKeys = ["extends", "description", "seed"];

    /// <param name="location">An experiment folder, or its <c>experiment.yaml</c>.</param>
    public static Experiment Load(string location, Pipeline pipeline)
    {
        var file = Directory.Exists(location) ? Path.Combine(location, FileName) : location;
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
        {
            throw new ExperimentSpecException([new SpecError(new SourceLocation(Display(file), 0, 0), "", "no experiment file here")]);
        }

        var directory = Path.GetDirectoryName(file)!;
        var root = LoadMerged(file, []);
        var errors = new List<SpecError>();

        var allowed = TopLevelKeys.Concat(pipeline.Stages.Select(s => s.Name)).ToList();
        foreach (var (key, _) in root.Entries)
        {
            if (!allowed.Contains(key.Value))
            {
                errors.Add(new(key.Location, key.Value, "unknown key; allowed keys: " + string.Join(", ", allowed)));
            }
        }

        string? description = null;
        if (root["description"] is SpecScalar { IsNull: false } d)
        {
            description = d.Value;
        }
        else if (root["description"] is SpecNode other and not SpecScalar)
        {
            errors.Add(new(other.Location, "description", $"expected a string, found {other.Describe()}"));
        }

        long seed = 0;
        if (root["seed"] is SpecNode seedNode && seedNode is not SpecScalar { IsNull: true })
        {
            if (seedNode is not SpecScalar { Plain: true } s || !long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
            {
                errors.Add(new(seedNode.Location, "seed", $"expected an integer, found {seedNode.Describe()}"));
            }
        }

        var validator = new ConfigValidator(directory);
        var sections = new Dictionary<string, StageSection>(StringComparer.Ordinal);
        foreach (var stage in pipeline.Stages)
        {
            var node = root[stage.Name];
            SpecMapping? mapping = null;
            if (node is SpecMapping m)
            {
                mapping = m;
            }
            else if (node is not null and not SpecScalar { IsNull: true })
            {
                errors.Add(new(node.Location, stage.Name, $"expected a mapping of the {stage.Name} stage's settings, found {node.Describe()}"));
            }

            var pathsBefore = validator.Paths.Count;
            var artifactsBefore = validator.Artifacts.Count;
            var config = validator.ResolveSection(mapping, stage.Schema, stage.Name, node?.Location ?? root.Location);
            sections[stage.Name] = new StageSection(
                config,
                validator.Paths.Skip(pathsBefore).ToList(),
                validator.Artifacts.Skip(artifactsBefore)
                    .Select(a => a with { ConfigKey = a.ConfigKey[(stage.Name.Length + 1)..] })
                    .ToList());
        }

        errors.AddRange(validator.Errors);
        if (errors.Count > 0)
        {
            throw new ExperimentSpecException(errors.OrderBy(e => e.Location.File).ThenBy(e => e.Location.Line).ToList());
        }

        return new Experiment(Path.GetFileName(directory), directory, file, description, seed, sections);
    }

    private static SpecMapping LoadMerged(string file, List<string> chain)
    {
        if (chain.Contains(file))
        {
            var cycle = string.Join(" -> ", chain.Append(file).Select(Display));
            throw new ExperimentSpecException([new SpecError(new SourceLocation(Display(file), 0, 0), "extends", $"extends forms a cycle: {cycle}")]);
        }

        var mapping = SpecReader.ReadFile(file, Display(file));
        if (mapping["extends"] is not { } extends || extends is SpecScalar { IsNull: true })
        {
            return mapping;
        }

        if (extends is not SpecScalar parentName)
        {
            throw new ExperimentSpecException([new SpecError(extends.Location, "extends", $"expected the path of another experiment, found {extends.Describe()}")]);
        }

        var parent = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, parentName.Value));
        if (Directory.Exists(parent))
        {
            parent = Path.Combine(parent, FileName);
        }

        if (!File.Exists(parent))
        {
            throw new ExperimentSpecException([new SpecError(parentName.Location, "extends", $"no experiment file at {parent}")]);
        }

        var baseMapping = LoadMerged(parent, [.. chain, file]);
        var own = new SpecMapping(mapping.Entries.Where(e => e.Key.Value != "extends").ToList(), mapping.Location);
        return SpecMerge.Overlay(baseMapping, own);
    }

    internal static string Display(string fullPath)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace EntiGraph.Engine.Spec;

/// <summary>A file or folder a configuration names; its content hash becomes a key input.</summary>
public sealed record PathReference(string Name, string FullPath, SourceLocation Location);

/// <summary>Another experiment's stage artifact that a configuration names, by its key inside the section.</summary>
public sealed record ArtifactReference(string ConfigKey, string ExperimentDirectory, string Stage, SourceLocation Location);

/// <summary>
/// Checks a section against its schema and resolves it to plain JSON values with defaults filled in.
/// Every error is collected with its file, line and key, so one run reports them all.
/// </summary>
public sealed class ConfigValidator(string experimentDirectory)
{
    public List<SpecError> Errors { get; } = [];

    public List<PathReference> Paths { get; } = [];

    public List<ArtifactReference> Artifacts { get; } = [];

    public JsonObject ResolveSection(SpecMapping? section, ConfigSchema schema, string keyPath, SourceLocation location)
    {
        var result = new JsonObject();
        if (section is not null)
        {
            foreach (var (key, value) in section.Entries)
            {
                if (schema.Find(key.Value) is null)
                {
                    var allowed = schema.Fields.Count == 0
                        ? "this section takes no keys"
                        : "allowed keys: " + string.Join(", ", schema.Fields.Select(f => f.Name));
                    Errors.Add(new(key.Location, Join(keyPath, key.Value), $"unknown key; {allowed}"));
                }
            }
        }

        foreach (var field in schema.Fields)
        {
            var key = Join(keyPath, field.Name);
            var node = section?[field.Name];
            if (node is null or SpecScalar { IsNull: true })
            {
                if (field.Required)
                {
                    Errors.Add(new(node?.Location ?? section?.Location ?? location, key,
                        $"required value missing; expected {field.TypeName}"));
                }
                else if (field.Default is not null)
                {
                    result[field.Name] = field.Default.DeepClone();
                }
                else if (field.Kind == FieldKind.Section)
                {
                    result[field.Name] = ResolveSection(null, field.Section!, key, location);
                }

                continue;
            }

            if (Resolve(node, field, key) is { } resolved)
            {
                result[field.Name] = resolved;
            }
        }

        foreach (var rule in schema.Rules)
        {
            if (rule(result) is { } message)
            {
                Errors.Add(new(section?.Location ?? location, keyPath, message));
            }
        }

        return result;
    }

    private JsonNode? Resolve(SpecNode node, ConfigField field, string key)
    {
        switch (field.Kind)
        {
            case FieldKind.Section:
                if (node is not SpecMapping mapping)
                {
                    return Fail(node, key, field);
                }

                return ResolveSection(mapping, field.Section!, key, node.Location);

            case FieldKind.List:
                if (node is not SpecSequence sequence)
                {
                    return Fail(node, key, field);
                }

                var array = new JsonArray();
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var item = sequence.Items[i];
                    array.Add(item is SpecScalar { IsNull: true } ? Fail(item, $"{key}[{i}]", field.Element!) : Resolve(item, field.Element!, $"{key}[{i}]"));
                }

                return array;

            case FieldKind.Map:
                if (node is not SpecMapping map)
                {
                    return Fail(node, key, field);
                }

                var obj = new JsonObject();
                foreach (var (name, value) in map.Entries)
                {
                    obj[name.Value] = Resolve(value, field.Element!, Join(key, name.Value));
                }

                return obj;

            case FieldKind.Artifact:
                return ResolveArtifact(node, key, field);
        }

        if (node is not SpecScalar scalar)
        {
            return Fail(node, key, field);
        }

        var text = scalar.Value;
        switch (field.Kind)
        {
            case FieldKind.String:
                return JsonValue.Create(text);

            case FieldKind.Choice:
                if (!field.Choices!.Contains(text, StringComparer.Ordinal))
                {
                    Errors.Add(new(node.Location, key, $"'{text}' is not allowed; allowed values: {string.Join(", ", field.Choices!)}"));
                    return null;
                }

                return JsonValue.Create(text);

            case FieldKind.Boolean:
                if (scalar.Plain && bool.TryParse(text, out var flag))
                {
                    return JsonValue.Create(flag);
                }

                return Fail(node, key, field);

            case FieldKind.Integer:
                if (scalar.Plain && long.TryParse(text.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    return InRange(node, key, field, integer) ? JsonValue.Create(integer) : null;
                }

                return Fail(node, key, field);

            case FieldKind.Number:
                if (scalar.Plain && double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    return InRange(node, key, field, number) ? JsonValue.Create(number) : null;
                }

                return Fail(node, key, field);

            case FieldKind.Path:
                return ResolvePath(scalar, key);

            default:
                throw new InvalidOperationException($"unhandled field kind {field.Kind}");
        }
    }

    private JsonNode? ResolvePath(SpecScalar scalar, string key)
    {
        // Relative to the file that wrote it, so that a base experiment's paths still work from a variant.
        var baseDirectory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(scalar.Location.File))!;
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, scalar.Value));
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            Errors.Add(new(scalar.Location, key, $"no such file or folder: {full}"));
            return null;
        }

        // The key sees the path as written (its content is hashed anyway), never the checkout's
        // location: a variant that inherits its base's files then shares the base's artifacts.
        var name = scalar.Value.Replace('\\', '/');
        if (Paths.Any(p => p.Name == name && p.FullPath != full))
        {
            name = System.IO.Path.GetRelativePath(experimentDirectory, full).Replace('\\', '/');
        }

        Paths.Add(new(name, full, scalar.Location));
        return JsonValue.Create(name);
    }

    private JsonNode? ResolveArtifact(SpecNode node, string key, ConfigField field)
    {
        if (node is not SpecMapping mapping
            || mapping["experiment"] is not SpecScalar experiment
            || mapping["stage"] is not SpecScalar stage
            || mapping.Entries.Count != 2)
        {
            return Fail(node, key, field);
        }

        var baseDirectory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(experiment.Location.File))!;
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, experiment.Value));
        if (!File.Exists(System.IO.Path.Combine(full, ExperimentLoader.FileName)))
        {
            Errors.Add(new(experiment.Location, Join(key, "experiment"), $"no {ExperimentLoader.FileName} in {full}"));
            return null;
        }

        Artifacts.Add(new(key, full, stage.Value, node.Location));
        return new JsonObject
        {
            ["experiment"] = System.IO.Path.GetFileName(full),
            ["stage"] = stage.Value,
        };
    }

    private bool InRange(SpecNode node, string key, ConfigField field, double value)
    {
        if (field.Min is { } min && value < min)
        {
            Errors.Add(new(node.Location, key, $"{value.ToString(CultureInfo.InvariantCulture)} is below the minimum {min.ToString(CultureInfo.InvariantCulture)}"));
            return false;
        }

        if (field.Max is { } max && value > max)
        {
            Errors.Add(new(node.Location, key, $"{value.ToString(CultureInfo.InvariantCulture)} is above the maximum {max.ToString(CultureInfo.InvariantCulture)}"));
            return false;
        }

        return true;
    }

    private JsonNode? Fail(SpecNode node, string key, ConfigField field)
    {
        Errors.Add(new(node.Location, key, $"expected {field.TypeName}, found {node.Describe()}"));
        return null;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}

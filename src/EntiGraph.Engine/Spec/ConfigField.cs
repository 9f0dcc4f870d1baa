using System.Text.Json.Nodes;

namespace EntiGraph.Engine.Spec;

public enum FieldKind
{
    String,
    Integer,
    Number,
    Boolean,
    Choice,
    List,
    Map,
    Section,

    /// <summary>A file or folder, relative to the experiment file that names it; its content is a key input.</summary>
    Path,

    /// <summary>A stage artifact of another experiment (<c>{experiment: ../base, stage: train}</c>); the key chains through it.</summary>
    Artifact,
}

/// <summary>One key of a configuration section: its type, whether it is required, its default and its limits.</summary>
public sealed record ConfigField(string Name, FieldKind Kind, string Description)
{
    public bool Required { get; init; }

    /// <summary>
    /// False for settings that change how a stage works but never what it writes (retries, timeouts,
    /// concurrency): they stay out of the key, so tuning them rebuilds nothing.
    /// </summary>
    public bool Keyed { get; init; } = true;

    public JsonNode? Default { get; init; }

    public IReadOnlyList<string>? Choices { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>The element type of a list or map.</summary>
    public ConfigField? Element { get; init; }

    /// <summary>The keys of a nested section.</summary>
    public ConfigSchema? Section { get; init; }

    public string TypeName => Kind switch
    {
        FieldKind.String => "a string",
        FieldKind.Integer => "an integer",
        FieldKind.Number => "a number",
        FieldKind.Boolean => "true or false",
        FieldKind.Choice => "one of: " + string.Join(", ", Choices ?? []),
        FieldKind.List => $"a list of {Element!.TypeName}",
        FieldKind.Map => $"a mapping of names to {Element!.TypeName}",
        FieldKind.Section => "a mapping",
        FieldKind.Path => "a path",
        FieldKind.Artifact => "an artifact reference {experiment: DIR, stage: NAME}",
        _ => Kind.ToString(),
    };
}

using System.Text.Json.Nodes;

namespace EntiGraph.Engine.Spec;

/// <summary>
/// The keys a configuration section accepts. Stages declare theirs; the validator checks a section
/// against it and fills in defaults, so that the resolved values (not the text) enter the stage key.
/// </summary>
public sealed class ConfigSchema
{
    private readonly List<ConfigField> _fields = [];
    private readonly List<Func<JsonObject, string?>> _rules = [];

    public static ConfigSchema Empty { get; } = new();

    public IReadOnlyList<ConfigField> Fields => _fields;

    /// <summary>Checks that involve several keys; each returns an error message or null.</summary>
    public IReadOnlyList<Func<JsonObject, string?>> Rules => _rules;

    public ConfigField? Find(string name) => _fields.Find(f => f.Name == name);

    /// <summary>Replaces a field's default, for a stage that embeds a section whose usual default does not fit it.</summary>
    public ConfigSchema Default(string name, JsonNode value)
    {
        var index = _fields.FindIndex(f => f.Name == name);
        _fields[index] = index >= 0 ? _fields[index] with { Default = value } : throw new ArgumentException($"no key '{name}'", nameof(name));
        return this;
    }

    /// <summary>Marks fields that do not change the output, keeping them out of the stage key.</summary>
    public ConfigSchema Unkeyed(params string[] names)
    {
        foreach (var name in names)
        {
            var index = _fields.FindIndex(f => f.Name == name);
            if (index < 0)
            {
                throw new ArgumentException($"no key '{name}' to mark unkeyed", nameof(names));
            }

            _fields[index] = _fields[index] with { Keyed = false };
        }

        return this;
    }

    /// <summary>The part of a resolved section that enters the key: every field but the unkeyed ones.</summary>
    public JsonObject KeyView(JsonObject resolved)
    {
        var view = new JsonObject();
        foreach (var (name, value) in resolved)
        {
            var field = Find(name);
            if (field is { Keyed: false })
            {
                continue;
            }

            view[name] = field is null ? value?.DeepClone() : KeyView(field, value);
        }

        return view;
    }

    private static JsonNode? KeyView(ConfigField field, JsonNode? value) => (field.Kind, value) switch
    {
        (FieldKind.Section, JsonObject obj) => field.Section!.KeyView(obj),
        (FieldKind.List, JsonArray array) => new JsonArray(array.Select(item => KeyView(field.Element!, item)).ToArray()),
        (FieldKind.Map, JsonObject map) => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, KeyView(field.Element!, p.Value)))),
        _ => value?.DeepClone(),
    };

    public ConfigSchema Rule(Func<JsonObject, string?> rule)
    {
        _rules.Add(rule);
        return this;
    }

    /// <summary>Exactly one of these keys must be given (e.g. a source is a url, a path or a dataset).</summary>
    public ConfigSchema ExactlyOneOf(params string[] names) => Rule(section =>
    {
        var given = names.Where(section.ContainsKey).ToList();
        return given.Count == 1 ? null
            : given.Count == 0 ? $"give one of: {string.Join(", ", names)}"
            : $"give only one of: {string.Join(", ", given)}";
    });

    public ConfigSchema Add(ConfigField field)
    {
        if (Find(field.Name) is not null)
        {
            throw new ArgumentException($"key '{field.Name}' is declared twice", nameof(field));
        }

        _fields.Add(field);
        return this;
    }

    public ConfigSchema String(string name, string description, string? @default = null, bool required = false) =>
        Add(new(name, FieldKind.String, description) { Default = @default, Required = required });

    public ConfigSchema Integer(string name, string description, long? @default = null, bool required = false, long? min = null, long? max = null) =>
        Add(new(name, FieldKind.Integer, description) { Default = @default, Required = required, Min = min, Max = max });

    public ConfigSchema Number(string name, string description, double? @default = null, bool required = false, double? min = null, double? max = null) =>
        Add(new(name, FieldKind.Number, description) { Default = @default, Required = required, Min = min, Max = max });

    public ConfigSchema Boolean(string name, string description, bool? @default = null, bool required = false) =>
        Add(new(name, FieldKind.Boolean, description) { Default = @default, Required = required });

    public ConfigSchema Choice(string name, string description, IReadOnlyList<string> choices, string? @default = null, bool required = false) =>
        Add(new(name, FieldKind.Choice, description) { Choices = choices, Default = @default, Required = required });

    public ConfigSchema Path(string name, string description, bool required = false) =>
        Add(new(name, FieldKind.Path, description) { Required = required });

    public ConfigSchema Artifact(string name, string description, bool required = false) =>
        Add(new(name, FieldKind.Artifact, description) { Required = required });

    public ConfigSchema Section(string name, string description, ConfigSchema section, bool required = false) =>
        Add(new(name, FieldKind.Section, description) { Section = section, Required = required });

    public ConfigSchema List(string name, string description, ConfigField element, bool required = false, JsonArray? @default = null) =>
        Add(new(name, FieldKind.List, description) { Element = element, Required = required, Default = @default });

    public ConfigSchema Map(string name, string description, ConfigField element, bool required = false) =>
        Add(new(name, FieldKind.Map, description) { Element = element, Required = required });
}

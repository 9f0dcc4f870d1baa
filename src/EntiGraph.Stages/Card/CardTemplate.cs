using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace EntiGraph.Stages.Card;

/// <summary>
/// Renders a Scriban template over the card facts. The built-in layouts are embedded in this assembly; an
/// experiment's own template replaces one, and its mistakes are reported with its file, line and column.
/// </summary>
public static class CardTemplate
{
    public const string ModelCard = "model-card.sbn";
    public const string DatasetCard = "dataset-card.sbn";

    public static string BuiltIn(string name)
    {
        using var stream = typeof(CardTemplate).Assembly.GetManifestResourceStream($"{typeof(CardTemplate).Namespace}.Templates.{name}")
                           ?? throw new InvalidOperationException($"the built-in card template {name} is missing from {typeof(CardTemplate).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string Render(string text, string sourceName, JsonObject facts)
    {
        var template = Template.Parse(text, sourceName);
        if (template.HasErrors)
            throw new InvalidDataException($"card template {string.Join("; ", template.Messages.Select(m => m.ToString()))}");

        var globals = new ScriptObject();
        foreach (var (name, value) in facts)
            globals[name] = ToScript(value);
        globals.Import(typeof(CardFormat), ScriptMemberImportFlags.Method, renamer: Snake);

        // Strict: a misspelt fact or member is an error, never an empty space in a published card.
        var context = new TemplateContext { StrictVariables = true, EnableRelaxedMemberAccess = false, LoopLimit = 1_000_000 };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        try
        {
            return template.Render(context).ReplaceLineEndings("\n");
        }
        catch (ScriptRuntimeException e)
        {
            throw new InvalidDataException($"card template {e.Message}", e);
        }
    }

    private static object? ToScript(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => ToScriptObject(obj),
        JsonArray array => ToScriptArray(array),
        JsonValue value when value.TryGetValue<long>(out var l) => l,
        JsonValue value when value.TryGetValue<double>(out var d) => d,
        JsonValue value when value.TryGetValue<bool>(out var b) => b,
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static ScriptObject ToScriptObject(JsonObject obj)
    {
        var result = new ScriptObject();
        foreach (var (name, value) in obj)
            result[name] = ToScript(value);
        return result;
    }

    private static ScriptArray ToScriptArray(JsonArray array)
    {
        var result = new ScriptArray();
        foreach (var item in array)
            result.Add(ToScript(item));
        return result;
    }

    private static string Snake(MemberInfo member) => StandardMemberRenamer.Default(member);
}

using System.Text.Json.Nodes;
using EntiGraph.Engine.Hashing;

namespace EntiGraph.Engine.Running;

/// <summary>
/// Explains a cache miss, as Snakemake's "reason:" does: which configuration value, input, seed or
/// version differs between the key that was built last and the key wanted now, with old and new values.
/// </summary>
public static class KeyDiff
{
    /// <param name="ignoreInputs">Inputs whose new value is not known yet (an upstream stage still to build).</param>
    public static IReadOnlyList<string> Explain(JsonObject? previous, JsonObject current, IReadOnlySet<string>? ignoreInputs = null)
    {
        if (previous is null)
        {
            return ["never built for this experiment"];
        }

        var before = Flatten(previous);
        var after = Flatten(current);
        if (before.GetValueOrDefault("scheme") != after.GetValueOrDefault("scheme"))
        {
            return [$"the key scheme changed: {before.GetValueOrDefault("scheme")} -> {after.GetValueOrDefault("scheme")}"];
        }

        var reasons = new List<string>();
        foreach (var path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            if (ignoreInputs is not null && ignoreInputs.Any(i => path == $"inputs.{i}"))
            {
                continue;
            }

            var had = before.TryGetValue(path, out var old);
            var has = after.TryGetValue(path, out var now);
            if (had && has && old == now)
            {
                continue;
            }

            reasons.Add((had, has) switch
            {
                (true, true) => $"{Describe(path)} changed: {Short(old!)} -> {Short(now!)}",
                (false, true) => $"{Describe(path)} added: {Short(now!)}",
                _ => $"{Describe(path)} removed (was {Short(old!)})",
            });
        }

        return reasons;
    }

    private static string Describe(string path) => path switch
    {
        "stage_version" => "the stage's algorithm version",
        _ when path.StartsWith("inputs.", StringComparison.Ordinal) => "input " + path["inputs.".Length..],
        _ => path,
    };

    private static string Short(string value) =>
        value.StartsWith("\"" + ContentHash.Prefix, StringComparison.Ordinal) && value.Length > 20
            ? value[1..(ContentHash.Prefix.Length + 13)] + "…"
            : value;

    private static Dictionary<string, string> Flatten(JsonNode? node)
    {
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        Visit(node, "", flat);
        return flat;
    }

    private static void Visit(JsonNode? node, string path, Dictionary<string, string> flat)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Visit(value, path.Length == 0 ? key : $"{path}.{key}", flat);
                }

                break;
            case JsonArray array:
                flat[path + ".length"] = array.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                for (var i = 0; i < array.Count; i++)
                {
                    Visit(array[i], $"{path}[{i}]", flat);
                }

                break;
            default:
                flat[path] = CanonicalJson.Serialize(node);
                break;
        }
    }
}

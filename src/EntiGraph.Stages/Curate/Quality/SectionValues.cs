using System.Text.Json.Nodes;

namespace EntiGraph.Stages.Curate.Quality;

/// <summary>
/// Reads a resolved settings section. The engine fills in every default (integers as long, numbers as
/// double); the fallbacks only serve callers that build a partial section by hand.
/// </summary>
internal static class SectionValues
{
    public static long Integer(JsonObject section, string key, long fallback) => section[key] switch
    {
        null => fallback,
        JsonValue value when value.TryGetValue<long>(out var l) => l,
        JsonValue value when value.TryGetValue<int>(out var i) => i,
        var other => throw Invalid(key, "an integer", other),
    };

    public static double Number(JsonObject section, string key, double fallback) => section[key] switch
    {
        null => fallback,
        JsonValue value when value.TryGetValue<double>(out var d) => d,
        JsonValue value when value.TryGetValue<long>(out var l) => l,
        JsonValue value when value.TryGetValue<int>(out var i) => i,
        var other => throw Invalid(key, "a number", other),
    };

    public static bool Boolean(JsonObject section, string key, bool fallback) => section[key] switch
    {
        null => fallback,
        JsonValue value when value.TryGetValue<bool>(out var b) => b,
        var other => throw Invalid(key, "true or false", other),
    };

    public static string String(JsonObject section, string key, string fallback) => section[key] switch
    {
        null => fallback,
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        var other => throw Invalid(key, "a string", other),
    };

    public static int ToInt(string key, long value) => value is >= int.MinValue and <= int.MaxValue
        ? (int)value
        : throw new ArgumentException($"{key}: {value} is out of range", nameof(value));

    private static ArgumentException Invalid(string key, string expected, JsonNode other) =>
        new($"{key}: expected {expected}, found {other.ToJsonString()}", nameof(key));
}

using System.Text.Json;

namespace EntiGraph.Stages.Tokenize;

/// <summary>Reads the JSON files of a tokenizer folder; a syntax error names the file and its line.</summary>
internal static class TokenizerJson
{
    public static JsonDocument Parse(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            // The library's message repeats the position, 0-based, after the reason: keep only the reason.
            var reason = e.Message;
            var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal) is var p and >= 0 ? p : reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
            throw new InvalidDataException($"{path}:{(e.LineNumber ?? 0) + 1}: not valid JSON: {(cut >= 0 ? reason[..cut] : reason)}", e);
        }
    }

    /// <summary>A property that must hold an object, or an error naming the file and the JSON path.</summary>
    public static JsonElement Object(JsonElement parent, string name, string path, string where)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: {where}{name}: expected an object");
        }

        return value;
    }

    public static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool? OptionalBoolean(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}

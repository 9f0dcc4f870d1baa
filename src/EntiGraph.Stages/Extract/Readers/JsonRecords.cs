using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntiGraph.Stages.Extract.Readers;

/// <summary>Parsing one JSON-lines record and reading its fields, with messages that name the record.</summary>
internal static class JsonRecords
{
    /// <summary>The line as a JSON object, or null for a blank line (a trailing newline is common).</summary>
    public static JsonObject? Parse(SourceFile file, int lineNumber, string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);

            // A duplicate key only shows once the object is enumerated.
            _ = (node as JsonObject)?.Count;
        }
        catch (Exception error) when (error is JsonException or ArgumentException)
        {
            throw file.Error($"line {lineNumber}", "malformed JSON: " + Describe(error), error);
        }

        return node as JsonObject
            ?? throw file.Error($"line {lineNumber}", $"expected a JSON object, found {Kind(node)}");
    }

    /// <summary>"a string", "a number", ...: what a value is, for messages.</summary>
    public static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
    };

    public static bool IsString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        value = "";
        return false;
    }

    /// <summary>A string or a number written as it is (ids are both, in the wild); null when missing or null.</summary>
    public static string? IdText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };

    /// <summary>An integer held as a number or as digits in a string (QuALITY writes both).</summary>
    public static bool TryInteger(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() switch
        {
            JsonValueKind.Number => v.TryGetValue(out value),
            JsonValueKind.String => long.TryParse(v.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    // System.Text.Json appends its own position ("LineNumber: 0 | BytePositionInLine: 12."), which
    // counts inside the record; the byte position is what helps, the rest misleads.
    private static string Describe(Exception error)
    {
        var message = error.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        if (cut >= 0)
        {
            message = message[..cut];
        }

        return error is JsonException { BytePositionInLine: { } position }
            ? $"{message.TrimEnd()} (at byte {(position + 1).ToString(CultureInfo.InvariantCulture)})"
            : message.TrimEnd();
    }
}

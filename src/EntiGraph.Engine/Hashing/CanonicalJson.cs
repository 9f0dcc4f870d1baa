using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntiGraph.Engine.Hashing;

/// <summary>
/// One spelling per value, so that equal configurations hash equally: object keys in ordinal order,
/// no whitespace, integers as integers, other numbers in their shortest round-trip form.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value:
                WriteValue(writer, value);
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                writer.WriteStringValue(value.GetValue<string>());
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                writer.WriteBooleanValue(value.GetValue<bool>());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(CanonicalNumber(value.ToJsonString()));
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    // 1, 1.0 and 1e0 are one number: an integral value is written as an integer, any other in its
    // shortest round-trip form.
    private static string CanonicalNumber(string raw)
    {
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        var real = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        return real == Math.Floor(real) && Math.Abs(real) < 9e15
            ? ((long)real).ToString(CultureInfo.InvariantCulture)
            : real.ToString("R", CultureInfo.InvariantCulture);
    }
}

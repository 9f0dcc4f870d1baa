using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EntiGraph.Modeling.SafeTensors;

/// <summary>The JSON header: building it for a write, and parsing and validating it for a read.</summary>
internal static class SafeTensorsHeader
{
    public const string MetadataKey = "__metadata__";

    // Names and metadata stay readable UTF-8 rather than \uXXXX; the header is never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON padded with spaces to a multiple of 8, so the data that follows starts aligned.</summary>
    public static byte[] Serialize(IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                // Sorted so that the same metadata always gives the same bytes.
                foreach (var pair in metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                    json.WriteString(pair.Key, pair.Value);
                json.WriteEndObject();
            }
            foreach (var entry in entries)
            {
                json.WriteStartObject(entry.Name);
                json.WriteString("dtype", SafeTensorsDType.ToName(entry.DType));
                json.WriteStartArray("shape");
                foreach (long dim in entry.Shape)
                    json.WriteNumberValue(dim);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(entry.Begin);
                json.WriteNumberValue(entry.End);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        int padding = (int)((8 - buffer.Length % 8) % 8);
        for (int i = 0; i < padding; i++)
            buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    /// <summary>
    /// Parses the header and checks that the entries tile the data region exactly: sorted by offset they
    /// must start at 0, follow each other with no gap or overlap, match shape x dtype size, and end at
    /// <paramref name="dataLength"/>. Entries come back in offset order.
    /// </summary>
    public static (List<SafeTensorsEntry> Entries, Dictionary<string, string> Metadata) Parse(
        ReadOnlySpan<byte> header, long dataLength, string path)
    {
        JsonDocument document;
        try
        {
            // Strict UTF-8 first: JsonDocument would otherwise accept invalid sequences in strings silently.
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(header);
            document = JsonDocument.Parse(header.ToArray());
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            throw Error(path, $"the header is not valid UTF-8 JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Error(path, $"the header is a JSON {document.RootElement.ValueKind}, not an object");

            var entries = new List<SafeTensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // JsonDocument keeps duplicate keys; which one wins would be arbitrary, so refuse them.
                if (!seen.Add(property.Name))
                    throw Error(path, $"the header names '{property.Name}' twice");
                if (property.Name == MetadataKey)
                    ReadMetadata(property.Value, metadata, path);
                else
                    entries.Add(ReadEntry(property.Name, property.Value, path));
            }
            CheckLayout(entries, dataLength, path);
            return (entries, metadata);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Error(path, $"{MetadataKey} is a JSON {value.ValueKind}, not an object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Error(path, $"{MetadataKey} value '{item.Name}' is a JSON {item.Value.ValueKind}, not a string");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw Error(path, $"{MetadataKey} names '{item.Name}' twice");
        }
    }

    private static SafeTensorsEntry ReadEntry(string name, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Error(path, $"tensor '{name}' is a JSON {value.ValueKind}, not an object");

        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Error(path, $"tensor '{name}' has no string \"dtype\"");
        string dtypeName = dtypeElement.GetString()!;
        var dtype = SafeTensorsDType.FromName(dtypeName)
            ?? throw Error(path, $"tensor '{name}' has unknown dtype '{dtypeName}' (supported: {string.Join(", ", SafeTensorsDType.Names)})");

        long[] shape = ReadNonNegativeIntegers(value, "shape", name, path);
        long[] offsets = ReadNonNegativeIntegers(value, "data_offsets", name, path);
        if (offsets.Length != 2)
            throw Error(path, $"tensor '{name}' has {offsets.Length} data_offsets, not 2");
        if (offsets[1] < offsets[0])
            throw Error(path, $"tensor '{name}' has data_offsets [{offsets[0]}, {offsets[1]}] that end before they begin");

        long expected;
        try
        {
            expected = checked(shape.Aggregate(1L, (product, dim) => product * dim) * SafeTensorsDType.ElementSize(dtype));
        }
        catch (OverflowException)
        {
            throw Error(path, $"tensor '{name}' has shape [{string.Join(", ", shape)}] whose size overflows");
        }
        if (offsets[1] - offsets[0] != expected)
            throw Error(path, $"tensor '{name}' has data_offsets [{offsets[0]}, {offsets[1]}] holding {offsets[1] - offsets[0]} bytes,"
                + $" but shape [{string.Join(", ", shape)}] of {dtypeName} needs {expected}");
        return new SafeTensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] ReadNonNegativeIntegers(JsonElement value, string field, string name, string path)
    {
        if (!value.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw Error(path, $"tensor '{name}' has no array \"{field}\"");
        var result = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long number) || number < 0)
                throw Error(path, $"tensor '{name}' has {field} entry {item.GetRawText()}, not a non-negative integer");
            result[i++] = number;
        }
        return result;
    }

    private static void CheckLayout(List<SafeTensorsEntry> entries, long dataLength, string path)
    {
        // Zero-length tensors share offsets with their neighbours legitimately; ordering by end keeps them in place.
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long cursor = 0;
        string? previous = null;
        foreach (var entry in entries)
        {
            if (entry.End > dataLength)
                throw Error(path, $"tensor '{entry.Name}' has data_offsets [{entry.Begin}, {entry.End}] past the end of the {dataLength}-byte data");
            if (entry.Begin < cursor)
                throw Error(path, $"tensor '{entry.Name}' at data_offsets [{entry.Begin}, {entry.End}] overlaps tensor '{previous}', which ends at {cursor}");
            if (entry.Begin > cursor)
                throw Error(path, $"bytes [{cursor}, {entry.Begin}) before tensor '{entry.Name}' belong to no tensor (a gap)");
            cursor = entry.End;
            previous = entry.Name;
        }
        if (cursor != dataLength)
            throw Error(path, $"{dataLength - cursor} trailing bytes follow the last tensor's data (which ends at {cursor} of {dataLength})");
    }

    public static InvalidDataException Error(string path, string problem) =>
        new($"Invalid safetensors file '{path}': {problem}.");
}

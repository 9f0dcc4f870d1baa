using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EntiGraph.Engine.Store;

/// <summary>
/// One output file of an artifact: its path inside the artifact, content hash and size. A volatile file
/// (a record of the run, such as its throughput) is listed and verified but left out of the content hash.
/// </summary>
public sealed record OutputFile(string Path, string Hash, long Size, bool? Volatile = null);

public sealed record Timings(DateTimeOffset Started, DateTimeOffset Finished, double Seconds);

public sealed record MachineInfo(string Host, string Os, string Architecture, int Processors, string Runtime)
{
    public static MachineInfo Current() => new(
        Environment.MachineName,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
}

/// <summary>
/// <c>manifest.json</c>: what an artifact was built from (the key's inputs), what it holds (every
/// output file with hash and size), what it measured, and when, where and by which code it was built.
/// Only <see cref="KeyInputs"/> determines the key; the rest is a record.
/// </summary>
public sealed record Manifest
{
    public const string FileName = "manifest.json";

    public const int CurrentScheme = 1;

    public int Scheme { get; init; } = CurrentScheme;

    public required string Stage { get; init; }

    public required string Key { get; init; }

    public required string Experiment { get; init; }

    public required JsonObject KeyInputs { get; init; }

    public required IReadOnlyList<OutputFile> Outputs { get; init; }

    /// <summary>The hash of the output listing: what downstream keys see of this artifact.</summary>
    public required string ContentHash { get; init; }

    public JsonObject Metrics { get; init; } = [];

    public required Timings Timings { get; init; }

    public required string CodeVersion { get; init; }

    public required MachineInfo Machine { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static Manifest Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<Manifest>(stream, JsonOptions)
               ?? throw new InvalidDataException($"{path}: empty manifest");
    }

    // Volatile files stay out, so a rebuild that only measured other timings cuts off downstream rebuilds.
    public static string HashOutputs(IEnumerable<OutputFile> outputs) =>
        Hashing.ContentHash.OfString(string.Concat(outputs.Where(o => o.Volatile != true).Select(o => $"{o.Path}\t{o.Hash}\t{o.Size}\n")));
}

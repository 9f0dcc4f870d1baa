using System.Text.Json;
using System.Text.Json.Serialization;

namespace EntiGraph.Stages.Download;

/// <summary>One file of the download artifact: its path in the artifact, sha256 and size.</summary>
public sealed record FetchedFile(string Path, string Sha256, long Size);

/// <summary>One source as <c>sources.json</c> lists it, for the extract stage and for people.</summary>
public sealed record FetchedSource(string Name, string Kind, string Origin, IReadOnlyList<FetchedFile> Files)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>A source that could not be fetched or did not match its pin; the message says which and why.</summary>
public sealed class DownloadException(string message, Exception? inner = null) : Exception(message, inner);

namespace EntiGraph.Stages.Download;

/// <summary>The download section, bound from the resolved configuration.</summary>
internal sealed record DownloadOptions(
    IReadOnlyList<SourceOptions> Sources,
    bool AllowUnpinned,
    int Retries,
    double BackoffSeconds,
    double TimeoutSeconds);

internal sealed record SourceOptions(
    string Name,
    string? Url,
    string? Sha256,
    string? Path,
    string? Hf,
    string Config,
    string Split,
    string Revision,
    string TokenEnv)
{
    public string Kind => Path is not null ? "path" : Url is not null ? "url" : "hf";

    /// <summary>Where the source came from, as a reader of sources.json should see it (never a token).</summary>
    public string Origin => Path ?? Url ?? $"hf://datasets/{Hf}/{Config}/{Split}@{Revision}";
}

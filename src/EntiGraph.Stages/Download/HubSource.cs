using System.Text.Json.Serialization;

namespace EntiGraph.Stages.Download;

/// <summary>A Hugging Face dataset split: the parquet files under <c>{config}/{split}/</c> at a revision.</summary>
internal sealed record HubDataset(string Repo, string Config, string Split, string Revision)
{
    /// <summary>The branch where the Hub keeps its parquet conversion of every dataset.</summary>
    public const string ParquetRevision = "refs/convert/parquet";
}

/// <summary>
/// Resolves a dataset to its parquet files the way the Hub serves them, then fetches each pinned by the
/// sha256 of its LFS object: the tree API lists <c>{endpoint}/api/datasets/{repo}/tree/{revision}/{config}/{split}</c>
/// and files come from <c>{endpoint}/datasets/{repo}/resolve/{revision}/{path}</c>. Like huggingface_hub,
/// it honours <c>HF_ENDPOINT</c>, and sends the token (from <c>HF_TOKEN</c> or the configured variable)
/// as a bearer header only.
/// </summary>
internal static class HubSource
{
    public const string EndpointVariable = "HF_ENDPOINT";

    public const string DefaultEndpoint = "https://huggingface.co";

    public static async Task<IReadOnlyList<FetchedFile>> FetchAsync(HttpFetcher fetcher, HubDataset dataset, string tokenVariable, string folder, CancellationToken cancellationToken)
    {
        var endpoint = (Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } configured ? configured : DefaultEndpoint).TrimEnd('/');
        var token = Environment.GetEnvironmentVariable(tokenVariable) is { Length: > 0 } t ? t : null;
        var revision = Uri.EscapeDataString(dataset.Revision);
        var what = $"hf dataset {dataset.Repo} (config '{dataset.Config}', split '{dataset.Split}', revision '{dataset.Revision}', {endpoint})";

        var listing = new Uri($"{endpoint}/api/datasets/{dataset.Repo}/tree/{revision}/{Uri.EscapeDataString(dataset.Config)}/{Uri.EscapeDataString(dataset.Split)}");
        var listFile = Path.Combine(folder, ".listing.json");
        try
        {
            await fetcher.FetchAsync(listing, listFile, expectedSha256: null, token, cancellationToken);
        }
        catch (DownloadException e)
        {
            throw new DownloadException($"{what}: cannot list its parquet files: {e.Message}", e);
        }

        TreeEntry[] entries;
        await using (var stream = File.OpenRead(listFile))
        {
            entries = await System.Text.Json.JsonSerializer.DeserializeAsync<TreeEntry[]>(stream, cancellationToken: cancellationToken) ?? [];
        }

        File.Delete(listFile);
        var parquet = entries.Where(x => x.Type == "file" && x.Path.EndsWith(".parquet", StringComparison.Ordinal)).OrderBy(x => x.Path, StringComparer.Ordinal).ToList();
        if (parquet.Count == 0)
        {
            throw new DownloadException($"{what}: the listing has no parquet files");
        }

        var files = new List<FetchedFile>();
        foreach (var entry in parquet)
        {
            var url = new Uri($"{endpoint}/datasets/{dataset.Repo}/resolve/{revision}/{string.Join('/', entry.Path.Split('/').Select(Uri.EscapeDataString))}");
            var destination = Path.Combine(folder, Path.GetFileName(entry.Path));
            await fetcher.FetchAsync(url, destination, entry.Lfs?.Oid, token, cancellationToken);
            files.Add(Sha256File.Describe(destination));
        }

        return files;
    }

    private sealed record TreeEntry(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("path")] string Path,
        [property: JsonPropertyName("lfs")] LfsPointer? Lfs);

    private sealed record LfsPointer([property: JsonPropertyName("oid")] string Oid);
}

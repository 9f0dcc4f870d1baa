namespace EntiGraph.Stages.Download;

/// <summary>An http, https or file URL; the file name in the artifact is the URL's last path segment.</summary>
internal static class UrlSource
{
    private static readonly string[] Schemes = ["http", "https", "file"];

    public static async Task<FetchedFile> FetchAsync(HttpFetcher fetcher, string text, string? sha256, string folder, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            throw new DownloadException($"'{text}' is not an absolute URL");
        }

        if (!Schemes.Contains(url.Scheme))
        {
            throw new DownloadException($"{HttpFetcher.Display(url)}: the {url.Scheme} scheme is not supported; use one of {string.Join(", ", Schemes)}");
        }

        var name = Uri.UnescapeDataString(url.Segments[^1].TrimEnd('/'));
        var destination = Path.Combine(folder, name.Length == 0 ? "download" : name);
        if (url.IsFile)
        {
            if (!File.Exists(url.LocalPath))
            {
                throw new DownloadException($"{url.AbsoluteUri}: no such file");
            }

            File.Copy(url.LocalPath, destination);
            var actual = Sha256File.Of(destination);
            if (sha256 is not null && !string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new DownloadException($"{url.AbsoluteUri}: sha256 mismatch: expected {sha256.ToLowerInvariant()}, actual {actual}");
            }
        }
        else
        {
            await fetcher.FetchAsync(url, destination, sha256, bearerToken: null, cancellationToken);
        }

        return Sha256File.Describe(destination);
    }
}

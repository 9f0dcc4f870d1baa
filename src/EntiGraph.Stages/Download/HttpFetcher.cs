using System.Net;
using System.Net.Http.Headers;
using EntiGraph.Engine.Running;

namespace EntiGraph.Stages.Download;

/// <summary>
/// Downloads one URL to a file: resumes a partial file with an HTTP Range request, retries connection
/// errors, timeouts, 408, 429 and 5xx with backoff (honouring Retry-After), fails at once on other 4xx,
/// and checks the sha256 pin. Partial files live in a cache folder keyed by URL, so a run killed
/// mid-transfer resumes where it stopped. Messages name the URL, never a request header.
/// </summary>
internal sealed class HttpFetcher : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly HttpClient _client;
    private readonly RetryPolicy _retry;
    private readonly IRunReporter _reporter;
    private readonly string _partialFolder;

    public HttpFetcher(RetryPolicy retry, TimeSpan timeout, IRunReporter reporter, string partialFolder)
    {
        _client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = timeout,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("EntiGraph", "1"));
        _retry = retry;
        _reporter = reporter;
        _partialFolder = partialFolder;
    }

    /// <summary>Fetches <paramref name="url"/> into <paramref name="destination"/>; returns its sha256.</summary>
    public async Task<string> FetchAsync(Uri url, string destination, string? expectedSha256, string? bearerToken, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_partialFolder);
        var partial = Path.Combine(_partialFolder, Engine.Hashing.ContentHash.OfString(url.AbsoluteUri)[Engine.Hashing.ContentHash.Prefix.Length..] + ".part");
        Exception? last = null;
        for (var attempt = 0; attempt <= _retry.Retries; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                await TransferAsync(url, partial, bearerToken, cancellationToken);
                last = null;
                break;
            }
            catch (RetryableException e)
            {
                (last, retryAfter) = (e, e.RetryAfter);
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
            catch (IOException e)
            {
                last = e;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                last = new TimeoutException($"no data for {_client.Timeout.TotalSeconds:0} s", e);
            }

            if (attempt < _retry.Retries)
            {
                var wait = _retry.Backoff(attempt, retryAfter);
                _reporter.Info($"{Display(url)}: {last!.Message}; attempt {attempt + 2} of {_retry.Retries + 1} in {wait.TotalSeconds:0.##} s");
                await _retry.Wait(wait, cancellationToken);
            }
        }

        if (last is not null)
        {
            throw new DownloadException($"{Display(url)}: failed after {_retry.Retries + 1} attempt(s): {last.Message}", last);
        }

        var actual = Sha256File.Of(partial);
        if (expectedSha256 is not null && !string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial);
            throw new DownloadException($"{Display(url)}: sha256 mismatch: expected {expectedSha256.ToLowerInvariant()}, actual {actual}");
        }

        File.Move(partial, destination, overwrite: true);
        return actual;
    }

    private async Task TransferAsync(Uri url, string partial, string? bearerToken, CancellationToken cancellationToken)
    {
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
        {
            // The partial file is not a prefix of what the server has now: start again.
            File.Delete(partial);
            throw new RetryableException("the server refused to resume; starting again", TimeSpan.Zero);
        }

        var code = (int)response.StatusCode;
        if (code is 408 or 429 || code >= 500)
        {
            throw new RetryableException($"HTTP {code} {response.ReasonPhrase}", RetryAfter(response));
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new DownloadException($"{Display(url)}: HTTP {code} {response.ReasonPhrase}");
        }

        var resuming = response.StatusCode == HttpStatusCode.PartialContent;
        var total = resuming ? have + (response.Content.Headers.ContentLength ?? 0) : response.Content.Headers.ContentLength;
        using var progress = _reporter.Progress(Display(url), total ?? 0, "B");
        if (resuming)
        {
            progress.Advance(have);
        }

        await using (var target = new FileStream(partial, resuming ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize))
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                progress.Advance(read);
            }
        }

        var length = new FileInfo(partial).Length;
        if (total is { } expected && length != expected)
        {
            throw new RetryableException($"the connection closed after {length} of {expected} bytes", null);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The URL as messages show it: without user info, which may hold a password.</summary>
    internal static string Display(Uri url) =>
        string.IsNullOrEmpty(url.UserInfo) ? url.AbsoluteUri : url.AbsoluteUri.Replace(url.UserInfo + "@", "", StringComparison.Ordinal);

    public void Dispose() => _client.Dispose();

    private sealed class RetryableException(string message, TimeSpan? retryAfter) : Exception(message)
    {
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }
}

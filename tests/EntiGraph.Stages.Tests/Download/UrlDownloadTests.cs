using System.Security.Cryptography;
using EntiGraph.Engine.Spec;
using EntiGraph.TestKit;
using Microsoft.AspNetCore.Http;

namespace EntiGraph.Stages.Tests.Download;

public sealed class UrlDownloadTests : IDisposable
{
    private static readonly byte[] Data = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 % 251)).ToArray();
    private static readonly string DataSha = Convert.ToHexStringLower(SHA256.HashData(Data));

    private readonly DownloadHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_pinned_file_is_fetched_and_listed_with_its_hash()
    {
        await using var server = await LoopbackServer.StartAsync(c => LoopbackServer.ServeBytes(c, Data));

        var manifest = await _harness.RunAsync(Yaml(server.Url("data/corpus.bin"), DataSha));

        var source = Assert.Single(_harness.Sources(manifest));
        var file = Assert.Single(source.Files);
        Assert.Equal(("corpus", "url", "files/corpus/corpus.bin", DataSha, (long)Data.Length), (source.Name, source.Kind, file.Path, file.Sha256, file.Size));
        Assert.Equal(Data, File.ReadAllBytes(_harness.ArtifactFile(manifest, file.Path)));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_connection_dropped_halfway_is_resumed_with_a_range_request()
    {
        var half = Data.Length / 2;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Headers.Range.Count > 0)
            {
                await LoopbackServer.ServeBytes(context, Data);
                return;
            }

            context.Response.ContentLength = Data.Length;
            await context.Response.Body.WriteAsync(Data.AsMemory(0, half));
            await context.Response.Body.FlushAsync();
            context.Abort();
        });

        var manifest = await _harness.RunAsync(Yaml(server.Url("drop.bin"), DataSha));

        Assert.Equal(Data, File.ReadAllBytes(_harness.ArtifactFile(manifest, "files/corpus/drop.bin")));
        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0].Range);
        Assert.Matches(@"^bytes=\d+-$", requests[1].Range);
        Assert.True(long.Parse(requests[1].Range!["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task A_partial_file_left_by_a_killed_run_is_resumed_by_the_next()
    {
        await using var server = await LoopbackServer.StartAsync(c => LoopbackServer.ServeBytes(c, Data));
        var url = server.Url("big.bin");
        var partialFolder = Path.Combine(_harness.Workspace.Store.CacheDirectory, "download", "partial");
        Directory.CreateDirectory(partialFolder);
        var partial = Path.Combine(partialFolder, Engine.Hashing.ContentHash.OfString(url.AbsoluteUri)[Engine.Hashing.ContentHash.Prefix.Length..] + ".part");
        File.WriteAllBytes(partial, Data[..1000]);

        var manifest = await _harness.RunAsync(Yaml(url, DataSha));

        Assert.Equal("bytes=1000-", Assert.Single(server.Requests).Range);
        Assert.Equal(Data, File.ReadAllBytes(_harness.ArtifactFile(manifest, "files/corpus/big.bin")));
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task A_404_fails_at_once_naming_the_url()
    {
        await using var server = await LoopbackServer.StartAsync(c => { c.Response.StatusCode = 404; return Task.CompletedTask; });
        var url = server.Url("missing.bin");

        var error = await _harness.FailAsync(Yaml(url, DataSha));

        Assert.Equal($"{url.AbsoluteUri}: HTTP 404 Not Found", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_503_is_retried_until_the_file_comes()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                c.Response.StatusCode = 503;
                return Task.CompletedTask;
            }

            return LoopbackServer.ServeBytes(c, Data);
        });

        var manifest = await _harness.RunAsync(Yaml(server.Url("flaky.bin"), DataSha));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(DataSha, Assert.Single(Assert.Single(_harness.Sources(manifest)).Files).Sha256);
        Assert.Contains(_harness.Reporter.Messages, m => m.Contains("HTTP 503 Service Unavailable; attempt 2 of 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_hash_names_the_url_and_both_hashes()
    {
        await using var server = await LoopbackServer.StartAsync(c => LoopbackServer.ServeBytes(c, Data));
        var url = server.Url("corpus.bin");
        var pinned = new string('a', 64);

        var error = await _harness.FailAsync(Yaml(url, pinned));

        Assert.Equal($"{url.AbsoluteUri}: sha256 mismatch: expected {pinned}, actual {DataSha}", error.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(_harness.Workspace.Store.CacheDirectory, "download", "partial")));
    }

    [Fact]
    public async Task An_unpinned_url_is_refused_at_load_with_file_and_line()
    {
        var error = await Assert.ThrowsAsync<ExperimentSpecException>(() => _harness.RunAsync("download:\n  sources:\n    - name: corpus\n      url: http://127.0.0.1:9/x.bin\n"));

        Assert.Contains("experiment.yaml:2:3: download: URL source(s) corpus have no sha256 pin", error.Message);
    }

    [Fact]
    public async Task An_allowed_unpinned_url_records_the_hash_it_found()
    {
        await using var server = await LoopbackServer.StartAsync(c => LoopbackServer.ServeBytes(c, Data));

        var manifest = await _harness.RunAsync($"download:\n  allow_unpinned: true\n  sources:\n    - name: corpus\n      url: {server.Url("x.bin")}\n");

        Assert.Contains(DataSha, manifest.Metrics["by_source"]!.ToJsonString());
    }

    [Fact]
    public async Task Only_http_https_and_file_urls_are_accepted()
    {
        var error = await _harness.FailAsync("download:\n  sources:\n    - name: corpus\n      url: ftp://example.org/x.bin\n      sha256: " + DataSha + "\n");

        Assert.Equal("ftp://example.org/x.bin: the ftp scheme is not supported; use one of http, https, file", error.Message);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                c.Response.StatusCode = 429;
                c.Response.Headers.RetryAfter = "7";
                return Task.CompletedTask;
            }

            return LoopbackServer.ServeBytes(c, Data);
        });
        var waits = new List<TimeSpan>();
        var policy = new Stages.Download.RetryPolicy(3, TimeSpan.FromSeconds(1)) { Wait = (t, _) => { waits.Add(t); return Task.CompletedTask; } };
        using var fetcher = new Stages.Download.HttpFetcher(policy, TimeSpan.FromSeconds(30), Engine.Running.SilentReporter.Instance, _harness.Workspace.Root);
        var destination = Path.Combine(_harness.Workspace.Root, "out.bin");

        var sha = await fetcher.FetchAsync(server.Url("x.bin"), destination, DataSha, null, CancellationToken.None);

        Assert.Equal(DataSha, sha);
        Assert.Equal([TimeSpan.FromSeconds(7)], waits);
    }

    private static string Yaml(Uri url, string sha256) =>
        $"download:\n  backoff_seconds: 0\n  retries: 3\n  sources:\n    - name: corpus\n      url: {url}\n      sha256: {sha256}\n";
}

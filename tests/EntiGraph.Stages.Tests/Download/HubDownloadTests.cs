using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EntiGraph.TestKit;
using Microsoft.AspNetCore.Http;
using Parquet.Serialization;

namespace EntiGraph.Stages.Tests.Download;

// One class, so its tests (which set HF_ENDPOINT for the process) never run at the same time.
public sealed class HubDownloadTests : IDisposable
{
    private const string Secret = "hf_secretTOKEN_4f9a";

    private readonly DownloadHarness _harness = new();
    private readonly string _tokenVariable = "ENTIGRAPH_TEST_TOKEN_" + Guid.NewGuid().ToString("N");

    public HubDownloadTests() => Environment.SetEnvironmentVariable(_tokenVariable, Secret);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_tokenVariable, null);
        Environment.SetEnvironmentVariable("HF_ENDPOINT", null);
        _harness.Dispose();
    }

    [Fact]
    public async Task Parquet_files_are_resolved_and_fetched_the_way_the_hub_serves_them()
    {
        var parquet = await ParquetBytes();
        var sha = Convert.ToHexStringLower(SHA256.HashData(parquet));
        await using var server = await LoopbackServer.StartAsync(context => Hub(context, parquet, sha));
        Environment.SetEnvironmentVariable("HF_ENDPOINT", server.BaseAddress.AbsoluteUri.TrimEnd('/'));

        var manifest = await _harness.RunAsync(Yaml());

        var file = Assert.Single(Assert.Single(_harness.Sources(manifest)).Files);
        Assert.Equal(("files/stories/0000.parquet", sha), (file.Path, file.Sha256));
        await using var stream = File.OpenRead(_harness.ArtifactFile(manifest, file.Path));
        var rows = (await ParquetSerializer.DeserializeAsync<Row>(stream)).Data;
        Assert.Equal(new[] { "first story", "second story" }, rows.Select(r => r.Text).ToArray());
        Assert.Equal(
            ["/api/datasets/org/tales/tree/refs%2Fconvert%2Fparquet/default/train", "/datasets/org/tales/resolve/refs%2Fconvert%2Fparquet/default/train/0000.parquet"],
            server.Requests.Select(r => r.Target));
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + Secret, r.Authorization));
        AssertTokenNowhere(manifest);
    }

    [Fact]
    public async Task A_refused_listing_names_the_dataset_but_never_the_token()
    {
        await using var server = await LoopbackServer.StartAsync(c => { c.Response.StatusCode = 401; return Task.CompletedTask; });
        Environment.SetEnvironmentVariable("HF_ENDPOINT", server.BaseAddress.AbsoluteUri.TrimEnd('/'));

        var error = await _harness.FailAsync(Yaml());

        Assert.StartsWith("hf dataset org/tales (config 'default', split 'train', revision 'refs/convert/parquet', http://127.0.0.1:", error.Message);
        Assert.Contains("cannot list its parquet files", error.Message);
        Assert.Contains("HTTP 401 Unauthorized", error.Message);
        Assert.DoesNotContain(Secret, error.ToString());
        Assert.DoesNotContain(_harness.Reporter.Messages, m => m.Contains(Secret, StringComparison.Ordinal));
    }

    private string Yaml() =>
        $"download:\n  backoff_seconds: 0\n  sources:\n    - name: stories\n      hf: org/tales\n      token_env: {_tokenVariable}\n";

    private void AssertTokenNowhere(Engine.Store.Manifest manifest)
    {
        var entry = _harness.Workspace.Store.EntryDirectory(manifest.Stage, manifest.Key);
        foreach (var file in Directory.EnumerateFiles(entry, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }

        Assert.DoesNotContain(_harness.Reporter.Messages, m => m.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(_tokenVariable, manifest.KeyInputs.ToJsonString());
    }

    private static Task Hub(HttpContext context, byte[] parquet, string sha)
    {
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        if (context.Request.Headers.Authorization != "Bearer " + Secret)
        {
            context.Response.StatusCode = 401;
            return Task.CompletedTask;
        }

        if (target == "/api/datasets/org/tales/tree/refs%2Fconvert%2Fparquet/default/train")
        {
            var listing = new object[]
            {
                new { type = "file", oid = "1e2d", size = parquet.Length, path = "default/train/0000.parquet", lfs = new { oid = sha, size = parquet.Length, pointerSize = 134 } },
                new { type = "directory", oid = "77aa", size = 0, path = "default/train/extra" },
            };
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(JsonSerializer.Serialize(listing));
        }

        if (target == "/datasets/org/tales/resolve/refs%2Fconvert%2Fparquet/default/train/0000.parquet")
        {
            return LoopbackServer.ServeBytes(context, parquet);
        }

        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    private static async Task<byte[]> ParquetBytes()
    {
        using var stream = new MemoryStream();
        await ParquetSerializer.SerializeAsync(new[] { new Row { Text = "first story" }, new Row { Text = "second story" } }, stream);
        return stream.ToArray();
    }

    private sealed class Row
    {
        public string Text { get; set; } = "";
    }
}

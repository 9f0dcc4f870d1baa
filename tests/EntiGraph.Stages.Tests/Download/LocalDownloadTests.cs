namespace EntiGraph.Stages.Tests.Download;

public sealed class LocalDownloadTests : IDisposable
{
    private readonly DownloadHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Shipped_files_and_folders_are_copied_and_listed()
    {
        _harness.Workspace.WriteFile("experiments/x/data/articles.jsonl", "{\"id\": 1}\n");
        _harness.Workspace.WriteFile("experiments/x/data/pages/b.html", "<p>b</p>");
        _harness.Workspace.WriteFile("experiments/x/data/pages/a/a.html", "<p>a</p>");

        var manifest = await _harness.RunAsync("download:\n  sources:\n    - name: articles\n      path: data/articles.jsonl\n    - name: pages\n      path: data/pages\n");

        var sources = _harness.Sources(manifest);
        Assert.Equal(["articles", "pages"], sources.Select(s => s.Name));
        Assert.Equal(["files/articles/articles.jsonl"], sources[0].Files.Select(f => f.Path));
        Assert.Equal(["files/pages/a/a.html", "files/pages/b.html"], sources[1].Files.Select(f => f.Path));
        Assert.Equal("<p>a</p>", File.ReadAllText(_harness.ArtifactFile(manifest, "files/pages/a/a.html")));
        Assert.Equal(3, (int)manifest.Metrics["files"]!);
    }

    [Fact]
    public async Task A_changed_shipped_file_is_fetched_again()
    {
        var file = _harness.Workspace.WriteFile("experiments/x/data/articles.jsonl", "{\"id\": 1}\n");
        var yaml = "download:\n  sources:\n    - name: articles\n      path: data/articles.jsonl\n";
        var first = await _harness.RunAsync(yaml);

        File.WriteAllText(file, "{\"id\": 2}\n");
        var second = await _harness.RunAsync(yaml);

        Assert.NotEqual(first.Key, second.Key);
        Assert.Single(_harness.Reporter.Reasons["x/download"], r => r.StartsWith("input file:data/articles.jsonl changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_source_must_name_exactly_one_of_url_path_or_hf()
    {
        _harness.Workspace.WriteFile("experiments/x/a.txt", "a");

        var error = await Assert.ThrowsAsync<Engine.Spec.ExperimentSpecException>(() =>
            _harness.RunAsync("download:\n  sources:\n    - name: both\n      path: a.txt\n      hf: org/name\n"));

        Assert.Contains("experiment.yaml:3:7: download.sources[0]: give only one of: path, hf", error.Message);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;

namespace EntiGraph.Stages.Download;

/// <summary>
/// Fetches the experiment's sources into <c>files/&lt;source&gt;/</c> and lists them, with their sha256,
/// in <c>sources.json</c>: local files and folders (including those shipped in the experiment),
/// pinned http(s) and file URLs, and Hugging Face datasets as the Hub serves their parquet files.
/// </summary>
public sealed class DownloadStage : Stage
{
    public const string SourcesFile = "sources.json";

    public override string Name => "download";

    public override int Version => 1;

    // Deterministic without randomness: a new seed must not fetch anything again.
    public override bool UsesSeed => false;

    public override string Description => "Fetches the experiment's sources (pinned URLs, local files, shipped files, Hugging Face datasets) and verifies them.";

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .List("sources", "what to fetch", new ConfigField("source", FieldKind.Section, "one source") { Section = SourceSchema() }, required: true)
        .Boolean("allow_unpinned", "accept URLs without a sha256 pin (the hash found is recorded)", @default: false)
        .Integer("retries", "attempts after the first on connection errors and 5xx", @default: 5, min: 0, max: 100)
        .Number("backoff_seconds", "first wait between attempts; doubles each time", @default: 1.0, min: 0)
        .Number("timeout_seconds", "longest wait for any one read", @default: 300, min: 1)
        .Unkeyed("retries", "backoff_seconds", "timeout_seconds")
        .Rule(UnpinnedUrlsAllowed);

    public override IEnumerable<string> Prerequisites(JsonObject config)
    {
        foreach (var source in config["sources"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (source["url"] is { } url && !((string)url!).StartsWith("file:", StringComparison.Ordinal))
            {
                yield return $"network access to {url}";
            }
            else if (source["hf"] is { } repo)
            {
                yield return $"network access to the Hugging Face Hub for {repo} ({HubSource.EndpointVariable} or {HubSource.DefaultEndpoint})";
            }
        }
    }

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var options = context.Bind<DownloadOptions>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var fetched = new List<FetchedSource>();
        using var fetcher = new HttpFetcher(
            new RetryPolicy(options.Retries, TimeSpan.FromSeconds(options.BackoffSeconds)),
            TimeSpan.FromSeconds(options.TimeoutSeconds),
            context.Reporter,
            Path.Combine(context.CacheDirectory, "partial"));
        foreach (var source in options.Sources)
        {
            if (!names.Add(source.Name))
            {
                throw new DownloadException($"two sources are named '{source.Name}'");
            }

            var folder = Path.Combine(context.OutputDirectory, "files", source.Name);
            Directory.CreateDirectory(folder);
            var files = source switch
            {
                { Path: { } path } => LocalSource.Copy(context.ResolvePath(path), folder),
                { Url: { } url } => [await UrlSource.FetchAsync(fetcher, url, source.Sha256, folder, cancellationToken)],
                { Hf: { } repo } => await HubSource.FetchAsync(fetcher, new HubDataset(repo, source.Config, source.Split, source.Revision), source.TokenEnv, folder, cancellationToken),
                _ => throw new DownloadException($"source '{source.Name}' names no url, path or hf dataset"),
            };
            fetched.Add(new FetchedSource(source.Name, source.Kind, source.Origin, files
                .Select(f => f with { Path = Path.GetRelativePath(context.OutputDirectory, f.Path).Replace('\\', '/') })
                .ToList()));
        }

        await File.WriteAllTextAsync(
            Path.Combine(context.OutputDirectory, SourcesFile),
            JsonSerializer.Serialize(fetched, FetchedSource.JsonOptions),
            cancellationToken);
        context.Metrics["sources"] = fetched.Count;
        context.Metrics["files"] = fetched.Sum(s => s.Files.Count);
        context.Metrics["bytes"] = fetched.Sum(s => s.Files.Sum(f => f.Size));
        context.Metrics["by_source"] = JsonSerializer.SerializeToNode(fetched, FetchedSource.JsonOptions);
    }

    private static ConfigSchema SourceSchema() => new ConfigSchema()
        .String("name", "the source's name: its folder, and how extract refers to it", required: true)
        .String("url", "an http, https or file URL")
        .String("sha256", "the pinned sha256 of the URL's content")
        .Path("path", "a local file or folder; relative to the experiment, so shipped files are local paths")
        .String("hf", "a Hugging Face dataset, org/name")
        .String("config", "the dataset configuration", @default: "default")
        .String("split", "the dataset split", @default: "train")
        .String("revision", "the dataset revision holding parquet files (pin a commit for reproducibility)", @default: HubDataset.ParquetRevision)
        .String("token_env", "the environment variable holding the Hub token", @default: "HF_TOKEN")
        .Unkeyed("token_env")
        .ExactlyOneOf("url", "path", "hf");

    private static string? UnpinnedUrlsAllowed(JsonObject section)
    {
        if (section["allow_unpinned"]?.GetValue<bool>() == true || section["sources"] is not JsonArray sources)
        {
            return null;
        }

        var unpinned = sources.OfType<JsonObject>().Where(s => s["url"] is not null && s["sha256"] is null).Select(s => (string?)s["name"]).ToList();
        return unpinned.Count == 0
            ? null
            : $"URL source(s) {string.Join(", ", unpinned)} have no sha256 pin; add `sha256:`, or set `allow_unpinned: true` to accept (and record) whatever they serve";
    }
}

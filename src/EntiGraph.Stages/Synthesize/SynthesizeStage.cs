using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Extract;
using EntiGraph.Stages.Synthesize.Generators;

namespace EntiGraph.Stages.Synthesize;

/// <summary>
/// Turns the extracted documents into a synthetic corpus, <c>synthetic.parquet</c>, with the EntiGraph
/// method or one of its baselines (rephrase, raw). Every generation goes through the response store,
/// so a rerun or a resume after a crash sends no request twice.
/// </summary>
public sealed class SynthesizeStage : Stage
{
    public const string OutputFile = "synthetic.parquet";
    public const string FailuresFile = "failures.jsonl";
    public const string RequestsFile = "requests.txt";

    public override string Name => "synthesize";

    public override int Version => 1;

    public override IReadOnlyList<string> Needs => ["extract"];

    public override string Description => "Generates the synthetic corpus (EntiGraph, rephrase or raw baselines) through a generator backend with a request cache.";

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .Choice("method", "entigraph, or a baseline: rephrase, raw", ["entigraph", "rephrase", "raw"], @default: "entigraph")
        .List("documents", "only these document ids (default: all)", new ConfigField("id", FieldKind.String, "a document id"))
        .Section("generator", "the model that writes, and how to reach it", GeneratorSettings.Schema())
        .Section("entigraph", "the EntiGraph method", new ConfigSchema()
            .Integer("max_entities", "keep the first N entities of each document (0: all)", @default: 0, min: 0)
            .Boolean("pairs", "a relation text for every pair of entities", @default: true)
            .Integer("max_triples", "triples per document after the pairs, in a seeded shuffle (-1: all)", @default: -1, min: -1)
            .Integer("token_budget", "completion tokens for the whole corpus, split evenly over documents (0: no limit)", @default: 0, min: 0)
            .Integer("extraction_attempts", "answers to try before a document's extraction fails", @default: 3, min: 1, max: 20))
        .Section("rephrase", "the Rephrase CPT baseline", new ConfigSchema()
            .List("styles", "the rephrasing styles", new ConfigField("style", FieldKind.Choice, "a style") { Choices = [.. Prompts.RephraseStyles.Keys] },
                @default: new JsonArray("easy", "medium", "hard")))
        .Section("raw", "the Raw CPT baseline", new ConfigSchema()
            .Integer("epochs", "how many times each document is repeated", @default: 4, min: 1))
        .Rule(s => (string?)s["method"] != "raw" && s["generator"]?["model"] is null
            ? "the entigraph and rephrase methods need generator.model"
            : null);

    public override IEnumerable<string> Prerequisites(JsonObject config) =>
        (string)config["method"]! == "raw" || config["generator"] is not JsonObject generator ? [] : GeneratorSettings.Prerequisites(generator);

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var config = context.Config;
        var method = (string)config["method"]!;
        var documents = await ReadDocumentsAsync(context, cancellationToken);
        var settings = GeneratorSettingsOf(config);
        using var store = new ResponseStore(Path.Combine(context.CacheDirectory, "responses.sqlite"));
        if (settings.Responses is { } shipped)
        {
            var added = store.Import(context.ResolvePath(shipped));
            context.Reporter.Info($"synthesize: imported {added} recorded response(s) from {shipped}");
        }

        var synthesis = CreateMethod(method, config, documents.Count);
        using var generator = method == "raw" ? null : new Generator(settings, store, Backends.Create(settings, context.Reporter), context.Reporter);
        using var progress = context.Reporter.Progress($"synthesize: {method} requests", documents.Sum(synthesis.EstimateRequests), "requests");
        var synthesisContext = new SynthesisContext(generator, (int)context.Seed, progress);

        // Documents run side by side (the generator caps requests in flight); rows keep document order.
        var perDocument = await Task.WhenAll(documents.Select(d => synthesis.SynthesizeAsync(d, synthesisContext, cancellationToken)));
        var rows = perDocument.SelectMany(r => r).ToList();
        await ExtractOutput.WriteAsync(context.OutputPath(OutputFile), rows, cancellationToken);
        await WriteFailuresAsync(context, synthesisContext.Failures, cancellationToken);

        context.Metrics["method"] = method;
        context.Metrics["documents"] = documents.Count;
        context.Metrics["rows"] = rows.Count;
        context.Metrics["rows_by_kind"] = new JsonObject(rows.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count())));
        context.Metrics["words"] = rows.Sum(r => (long)r.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
        context.Metrics["completion_tokens"] = rows.Sum(r => r.CompletionTokens);
        context.Metrics["failed_documents"] = synthesisContext.Failures.Count;
        if (generator is not null)
        {
            await File.WriteAllLinesAsync(context.OutputPath(RequestsFile), generator.RequestHashes, cancellationToken);
            var generation = generator.Ledger.ToJson();
            generation["model"] = settings.Model;
            if (settings.Provenance is { } provenance)
            {
                generation["provenance"] = provenance;
            }

            context.Metrics["generation"] = generation;
        }
    }

    private static ISynthesisMethod CreateMethod(string method, JsonObject config, int documents) => method switch
    {
        "entigraph" => new EntigraphMethod(EntigraphSettingsFrom(config["entigraph"]!.AsObject(), documents)),
        "rephrase" => new RephraseMethod(config["rephrase"]!["styles"]!.AsArray().Select(s => (string)s!).ToList()),
        _ => new RawMethod((int)(long)config["raw"]!["epochs"]!),
    };

    private static EntigraphSettings EntigraphSettingsFrom(JsonObject section, int documents)
    {
        var budget = (long)section["token_budget"]!;
        return new EntigraphSettings(
            MaxEntities: (int)(long)section["max_entities"]!,
            Pairs: (bool)section["pairs"]!,
            MaxTriples: (int)(long)section["max_triples"]!,
            TokensPerDocument: budget > 0 ? Math.Max(1, budget / Math.Max(1, documents)) : 0,
            ExtractionAttempts: (int)(long)section["extraction_attempts"]!);
    }

    /// <summary>The response store every experiment shares, under the artifacts folder.</summary>
    public static string ResponseStoreFile(string cacheRoot) => Path.Combine(cacheRoot, "synthesize", "responses.sqlite");

    /// <summary>The extract stage's documents as the prompts see them.</summary>
    public static async Task<List<SourceDocument>> LoadDocumentsAsync(string documentsParquet, CancellationToken cancellationToken = default)
    {
        var rows = await ExtractOutput.ReadAsync<DocumentRow>(documentsParquet, cancellationToken);
        return rows.Select(r => new SourceDocument(r.Id, r.Title ?? r.Id, r.Text)).ToList();
    }

    public static GeneratorSettings GeneratorSettingsOf(JsonObject config) => config["generator"]!.Deserialize<GeneratorSettings>(SnakeCase)!;

    private static async Task<List<SourceDocument>> ReadDocumentsAsync(StageContext context, CancellationToken cancellationToken)
    {
        var documents = await LoadDocumentsAsync(context.Inputs["extract"].File(ExtractOutput.DocumentsFile), cancellationToken);
        if (context.Config["documents"] is JsonArray wanted)
        {
            var ids = wanted.Select(w => (string)w!).ToList();
            var missing = ids.Where(id => documents.All(d => d.Id != id)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"synthesize.documents names documents the extract stage did not produce: {string.Join(", ", missing)}");
            }

            documents = documents.Where(d => ids.Contains(d.Id)).ToList();
        }

        return documents;
    }

    private static async Task WriteFailuresAsync(StageContext context, IReadOnlyList<DocumentFailure> failures, CancellationToken cancellationToken)
    {
        if (failures.Count == 0)
        {
            return;
        }

        await File.WriteAllLinesAsync(context.OutputPath(FailuresFile), failures.Select(f => JsonSerializer.Serialize(f, SnakeCase)), cancellationToken);
        foreach (var failure in failures)
        {
            context.Reporter.Info($"synthesize: document '{failure.DocumentId}' failed at {failure.Step}: {failure.Reason} (answers kept in {FailuresFile})");
        }
    }

    private static readonly JsonSerializerOptions SnakeCase = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

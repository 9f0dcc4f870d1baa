using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Curate.Decontamination;
using EntiGraph.Stages.Curate.Dedup;
using EntiGraph.Stages.Curate.Heuristics;
using EntiGraph.Stages.Curate.Quality;
using EntiGraph.Stages.Curate.Selection;
using EntiGraph.Stages.Extract;
using EntiGraph.Stages.Synthesize;

namespace EntiGraph.Stages.Curate;

/// <summary>
/// Builds the training mixture: the DCLM heuristics, exact, Bloom-filter and MinHash deduplication and
/// decontamination stream over the pool one row group at a time; the quality classifier and data
/// selection then rank what survived; the mixer adds replay text and shuffles with the seed. Every
/// step can be switched off, and the report says what each one removed.
/// </summary>
public sealed class CurateStage : Stage
{
    public const string MixtureFile = "mixture.parquet";
    public const string ReplayFile = "replay.parquet";
    public const string ClassifierFile = "quality-classifier.bin";

    public override string Name => "curate";

    public override int Version => 1;

    public override IReadOnlyList<string> Needs => ["extract", "synthesize"];

    public override string Description => "Builds the training mixture: heuristic filters, deduplication, quality scoring, data selection, decontamination, mixing.";

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .List("pool", "which texts are curated and mixed", new ConfigField("origin", FieldKind.Choice, "domain or synthetic") { Choices = ["domain", "synthetic"] },
            @default: new JsonArray("domain", "synthetic"))
        .Artifact("replay", "general text to mix in: another experiment's extract artifact")
        .Path("url_banlist", "banned domains, one a line (# comments)")
        .Path("url_banned_words", "banned URL words, one a line (# comments)")
        // The steps that need web pages or extra data are off unless an experiment turns them on.
        .Section("heuristics", "DCLM-Baseline RefinedWeb and Gopher heuristics (for web pages)", HeuristicSettings.Schema().Default("enabled", false))
        .Section("exact_dedup", "drop exact duplicates of normalised text", new ConfigSchema().Boolean("enabled", "run this step", @default: true))
        .Section("bloom_dedup", "DCLM's Bloom-filter paragraph deduplication (old-both)", BloomDedupSettings.Schema())
        .Section("minhash", "MinHash-LSH near-duplicate removal", MinHashSettings.Schema())
        .Section("decontamination", "training text sharing n-grams with the evaluation questions", new ConfigSchema()
            .Boolean("enabled", "run this step", @default: true)
            .Integer("ngram", "n-gram length in words", @default: 13, min: 5, max: 50)
            .Choice("action", "remove the document, or keep it and flag it", ["remove", "flag"], @default: "remove"))
        .Section("quality", "the fastText-style quality classifier", QualitySettings.Schema().Default("enabled", false)
            .Artifact("classifier", "reuse the classifier trained by another experiment's curate stage instead of training one")
            .Path("positives", "JSONL of high-quality examples ({\"text\"})")
            .Path("negatives", "JSONL of ordinary web examples ({\"text\"})"))
        .Section("selection", "FinPythia data selection", SelectionSettings.Schema().Default("enabled", false))
        .Section("mix", "how many times each origin enters the mixture (fractions sample with the seed)", new ConfigSchema()
            .Number("domain", "repeats of the domain text", @default: 1, min: 0)
            .Number("synthetic", "repeats of the synthetic text", @default: 1, min: 0)
            .Number("replay", "repeats of the replay text (the train stage also replays per block)", @default: 0, min: 0));

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var config = context.Config;
        var report = new CurateReport();
        // Scratch space inside the unpublished output folder: a killed run leaves it where the next run cleans up.
        var work = Path.Combine(context.OutputDirectory, ".work");
        Directory.CreateDirectory(work);
        try
        {
            var survivors = Path.Combine(work, "survivors.parquet");
            await FilterAsync(context, report, survivors, cancellationToken);
            var ranked = await RankAsync(context, report, survivors, cancellationToken);
            var replay = await ReplayAsync(context, cancellationToken);
            var mixture = Mix(config["mix"]!.AsObject(), ranked, replay, (int)context.Seed, report);
            await Extract.ExtractOutput.WriteAsync(context.OutputPath(MixtureFile), mixture, cancellationToken);
            await Extract.ExtractOutput.WriteAsync(context.OutputPath(ReplayFile), replay, cancellationToken);

            await File.WriteAllTextAsync(context.OutputPath("report.json"), report.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
            await File.WriteAllTextAsync(context.OutputPath("report.md"), report.ToMarkdown($"Curation report: {context.Experiment.Name}"), cancellationToken);
            context.Metrics["steps"] = report.ToJson()["steps"]!.DeepClone();
            context.Metrics["mixture_documents"] = mixture.Count;
            context.Metrics["mixture_words"] = mixture.Sum(r => (long)CountWords(r.Text));
            context.Metrics["by_origin"] = new JsonObject(mixture.GroupBy(r => r.Origin).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count())));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The streaming steps: heuristics, exact dedup, Bloom dedup, MinHash, decontamination.</summary>
    private static async Task FilterAsync(StageContext context, CurateReport report, string survivors, CancellationToken cancellationToken)
    {
        var config = context.Config;
        var heuristicsSettings = HeuristicSettings.From(WithUrlLists(context, config["heuristics"]!.AsObject()));
        var heuristics = heuristicsSettings.Enabled ? new HeuristicPipeline(heuristicsSettings) : null;
        var exact = (bool)config["exact_dedup"]!["enabled"]! ? new ExactDedup() : null;
        var bloomSettings = BloomDedupSettings.From(config["bloom_dedup"]!.AsObject());
        var bloom = bloomSettings.Enabled ? new BloomParagraphDedup(bloomSettings) : null;
        var minhashSettings = MinHashSettings.From(config["minhash"]!.AsObject());
        var minhash = minhashSettings.Enabled ? new MinHashDedup(minhashSettings) : null;
        var decontamination = config["decontamination"]!.AsObject();
        var decontaminator = (bool)decontamination["enabled"]! ? await IndexQuestionsAsync(context, (int)(long)decontamination["ngram"]!, cancellationToken) : null;
        var flagOnly = (string)decontamination["action"]! == "flag";

        var writer = new ParquetRows.Writer<MixtureRow>(survivors);
        using var progress = context.Reporter.Progress("curate: filtering", await PoolSizeAsync(context, cancellationToken), "documents");
        await foreach (var row in PoolAsync(context, cancellationToken))
        {
            progress.Advance(1);
            var text = row.Text;
            var url = row.KeptBy;
            row.KeptBy = "pool";
            if (heuristics is not null && !Pass(report.Step("heuristics"), row, ref text, t =>
                {
                    var result = heuristics.Apply(t, url.Length == 0 ? null : url);
                    return (result.Keep ? result.Text : null, result.Rule);
                }))
            {
                continue;
            }

            if (exact is not null && !Pass(report.Step("exact_dedup"), row, ref text, t => exact.IsDuplicate(t) ? (null, "exact duplicate") : (t, null)))
            {
                continue;
            }

            if (bloom is not null && !Pass(report.Step("bloom_dedup"), row, ref text, t =>
                {
                    var result = bloom.Process(t);
                    report.Step("bloom_dedup").Count("paragraphs removed", result.ParagraphsRemoved);
                    return (result.Text, result.Text is null ? "duplicate document" : null);
                }))
            {
                continue;
            }

            if (minhash is not null && !Pass(report.Step("minhash"), row, ref text, t => minhash.IsDuplicate(row.Id, t) ? (null, "near duplicate") : (t, null)))
            {
                continue;
            }

            if (decontaminator is not null)
            {
                var matches = decontaminator.Matches(text);
                row.Contamination = string.Join(",", matches);
                if (!Pass(report.Step("decontamination"), row, ref text, t => (matches.Count > 0 && !flagOnly ? null : t, matches.Count > 0 ? "shares an n-gram with " + matches[0] : null)))
                {
                    continue;
                }
            }

            row.Text = text;
            await writer.AddAsync(row, cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    // Counts a step's input and output; a null text from the step means the document is removed.
    private static bool Pass(CurateReport.StepCounts step, MixtureRow row, ref string text, Func<string, (string? Text, string? Reason)> apply)
    {
        step.In(text);
        var (kept, reason) = apply(text);
        if (kept is null)
        {
            step.Removed(row.Id, text, reason);
            return false;
        }

        if (reason is not null)
        {
            step.Count(reason, 1);
        }

        step.Out(kept);
        row.KeptBy = step.Name;
        text = kept;
        return true;
    }

    /// <summary>The pool-level steps over the survivors: the quality classifier, then data selection.</summary>
    private static async Task<List<MixtureRow>> RankAsync(StageContext context, CurateReport report, string survivors, CancellationToken cancellationToken)
    {
        var rows = new List<MixtureRow>();
        await foreach (var row in ParquetRows.ReadAsync<MixtureRow>(survivors, cancellationToken))
        {
            rows.Add(row);
        }

        var qualitySection = context.Config["quality"]!.AsObject();
        var quality = QualitySettings.From(qualitySection);
        if (quality.Enabled)
        {
            QualityClassifier classifier;
            if (context.Artifacts.TryGetValue("quality.classifier", out var trained))
            {
                await using var stream = File.OpenRead(trained.File(ClassifierFile));
                classifier = QualityClassifier.Load(stream);
            }
            else
            {
                classifier = QualityClassifier.Train(ReadTexts(context, qualitySection, "positives"), ReadTexts(context, qualitySection, "negatives"), quality, (int)context.Seed);
            }

            await using (var file = File.Create(context.OutputPath(ClassifierFile)))
            {
                classifier.Save(file);
            }

            foreach (var row in rows)
            {
                row.QualityScore = classifier.Score(row.Text);
            }

            var threshold = QualityThreshold.TopFraction(rows.Select(r => r.QualityScore!.Value).ToList(), quality.KeepFraction);
            var step = report.Step("quality");
            step.Count($"kept at P(high quality) >= {threshold:0.####}", rows.Count(r => r.QualityScore >= threshold));
            rows = Keep(step, rows, r => r.QualityScore >= threshold, "below the quality threshold");
        }

        var selection = SelectionSettings.From(context.Config["selection"]!.AsObject());
        if (selection.Enabled)
        {
            var tasks = (await QuestionTextsAsync(context, cancellationToken)).Select(q => q.Text).ToList();
            var scores = new DataSelector(selection).Select(rows.Select(r => new SelectionCandidate(r.Id, r.Text, CountWords(r.Text))).ToList(), tasks, (int)context.Seed)
                .ToDictionary(s => s.Id, StringComparer.Ordinal);
            foreach (var row in rows)
            {
                row.SelectionScore = scores[row.Id].Combined;
            }

            rows = Keep(report.Step("selection"), rows, r => scores[r.Id].Selected, "not selected within the token budget");
        }

        return rows;
    }

    private static List<MixtureRow> Keep(CurateReport.StepCounts step, List<MixtureRow> rows, Func<MixtureRow, bool> keep, string reason)
    {
        var kept = new List<MixtureRow>();
        foreach (var row in rows)
        {
            step.In(row.Text);
            if (keep(row))
            {
                step.Out(row.Text);
                row.KeptBy = step.Name;
                kept.Add(row);
            }
            else
            {
                step.Removed(row.Id, row.Text, reason);
            }
        }

        return kept;
    }

    private static async Task<List<MixtureRow>> ReplayAsync(StageContext context, CancellationToken cancellationToken)
    {
        var replay = new List<MixtureRow>();
        if (!context.Artifacts.TryGetValue("replay", out var artifact))
        {
            return replay;
        }

        var exact = new ExactDedup();
        await foreach (var document in ParquetRows.ReadAsync<DocumentRow>(artifact.File(ExtractOutput.DocumentsFile), cancellationToken))
        {
            if (!exact.IsDuplicate(document.Text))
            {
                replay.Add(new MixtureRow { Id = $"replay/{document.Id}", Origin = "replay", Text = document.Text, KeptBy = "exact_dedup" });
            }
        }

        return replay;
    }

    /// <summary>Each origin repeated by its factor (a fraction is a seeded sample), then one seeded shuffle.</summary>
    private static List<MixtureRow> Mix(JsonObject mix, List<MixtureRow> pool, List<MixtureRow> replay, int seed, CurateReport report)
    {
        var random = new Random(seed);
        var mixture = new List<MixtureRow>();
        foreach (var (origin, rows) in new[] { ("domain", pool.Where(r => r.Origin == "domain").ToList()), ("synthetic", pool.Where(r => r.Origin == "synthetic").ToList()), ("replay", replay) })
        {
            var factor = (double)mix[origin]!;
            var whole = (int)Math.Floor(factor);
            for (var i = 0; i < whole; i++)
            {
                mixture.AddRange(rows.Select((r, n) => Copy(r, i)));
            }

            var fraction = factor - whole;
            if (fraction > 0)
            {
                var count = (int)Math.Round(rows.Count * fraction);
                mixture.AddRange(SeededShuffle.Shuffle(rows, random.Next()).Take(count).Select(r => Copy(r, whole)));
            }
        }

        var step = report.Step("mix");
        foreach (var row in mixture)
        {
            step.In(row.Text);
            step.Out(row.Text);
        }

        return SeededShuffle.Shuffle(mixture, seed);
    }

    private static MixtureRow Copy(MixtureRow row, int repeat) => new()
    {
        Id = repeat == 0 ? row.Id : $"{row.Id}#{repeat}",
        Origin = row.Origin,
        Text = row.Text,
        QualityScore = row.QualityScore,
        SelectionScore = row.SelectionScore,
        KeptBy = row.KeptBy,
        Contamination = row.Contamination,
    };

    /// <summary>The pool, streamed: extract's documents (domain) and synthesize's rows (synthetic). KeptBy carries the URL until the first step.</summary>
    private static async IAsyncEnumerable<MixtureRow> PoolAsync(StageContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var origins = context.Config["pool"]!.AsArray().Select(o => (string)o!).ToHashSet(StringComparer.Ordinal);
        if (origins.Contains("domain"))
        {
            await foreach (var document in ParquetRows.ReadAsync<DocumentRow>(context.Inputs["extract"].File(ExtractOutput.DocumentsFile), cancellationToken))
            {
                yield return new MixtureRow { Id = document.Id, Origin = "domain", Text = document.Text, KeptBy = UrlOf(document.Metadata) };
            }
        }

        if (origins.Contains("synthetic"))
        {
            await foreach (var row in ParquetRows.ReadAsync<SyntheticRow>(context.Inputs["synthesize"].File(SynthesizeStage.OutputFile), cancellationToken))
            {
                yield return new MixtureRow { Id = row.Id, Origin = "synthetic", Text = row.Text, KeptBy = "" };
            }
        }
    }

    private static async Task<long> PoolSizeAsync(StageContext context, CancellationToken cancellationToken)
    {
        var origins = context.Config["pool"]!.AsArray().Select(o => (string)o!).ToList();
        var size = 0L;
        if (origins.Contains("domain"))
        {
            size += await ParquetRows.CountAsync(context.Inputs["extract"].File(ExtractOutput.DocumentsFile), cancellationToken);
        }

        if (origins.Contains("synthetic"))
        {
            size += await ParquetRows.CountAsync(context.Inputs["synthesize"].File(SynthesizeStage.OutputFile), cancellationToken);
        }

        return size;
    }

    private static string UrlOf(string metadata) =>
        JsonNode.Parse(metadata) is JsonObject obj && obj["url"] is JsonValue value && value.TryGetValue<string>(out var url) ? url : "";

    private static async Task<Decontaminator> IndexQuestionsAsync(StageContext context, int n, CancellationToken cancellationToken)
    {
        var decontaminator = new Decontaminator(n);
        foreach (var (id, text) in await QuestionTextsAsync(context, cancellationToken))
        {
            decontaminator.Index(id, text);
        }

        return decontaminator;
    }

    /// <summary>Each evaluation question with its options: what decontamination guards and what selection aims at.</summary>
    private static async Task<List<(string Id, string Text)>> QuestionTextsAsync(StageContext context, CancellationToken cancellationToken)
    {
        var texts = new List<(string, string)>();
        await foreach (var question in ParquetRows.ReadAsync<QuestionRow>(context.Inputs["extract"].File(ExtractOutput.QuestionsFile), cancellationToken))
        {
            texts.Add((question.QuestionId, question.Question + " " + string.Join(" ", question.Options)));
        }

        return texts;
    }

    private static JsonObject WithUrlLists(StageContext context, JsonObject heuristics)
    {
        var section = heuristics.DeepClone().AsObject();
        foreach (var (key, target) in new[] { ("url_banlist", "banned_domains"), ("url_banned_words", "banned_url_substrings") })
        {
            if (context.Config[key] is { } path)
            {
                var lines = File.ReadAllLines(context.ResolvePath((string)path!)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
                section[target] = new JsonArray(lines.Select(l => (JsonNode)l).ToArray());
            }
        }

        return section;
    }

    private static List<string> ReadTexts(StageContext context, JsonObject section, string key)
    {
        var path = section[key] is { } value ? context.ResolvePath((string)value!)
            : throw new InvalidOperationException($"curate.quality.{key} is needed to train the quality classifier (a JSONL file of {{\"text\"}} lines), or set curate.quality.enabled: false");
        return File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => (string)JsonNode.Parse(l)!["text"]!).ToList();
    }

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Modeling;
using EntiGraph.Modeling.Llama;
using EntiGraph.Stages.Curate;
using EntiGraph.Stages.Extract;
using EntiGraph.Stages.Tokenize;
using EntiGraph.Stages.Train;

namespace EntiGraph.Stages.Evaluate;

/// <summary>
/// Closed-book QA on the experiment's questions, two ways: options scored by likelihood (acc and
/// acc_norm), and the EntiGraph paper's few-shot chain of thought with the answer read from the sampled
/// text; and perplexity on held-out text: the experiment's own validation blocks, and optionally another
/// experiment's (general text, the forgetting check). Writes eval.json, questions.parquet and
/// generative.parquet.
/// </summary>
public sealed class EvaluateStage : Stage
{
    public const string EvalFile = "eval.json";
    public const string QuestionsFile = "questions.parquet";
    public const string GenerativeFile = "generative.parquet";

    public override string Name => "evaluate";

    public override int Version => 2;

    public override IReadOnlyList<string> Needs => ["train", "extract", "tokenize"];

    // Generative sampling has its own seed (generative.seed), so that the experiment seed does not rebuild every evaluation.
    public override bool UsesSeed => false;

    public override IReadOnlyDictionary<string, string> Versions => TorchVersions.Current;

    public override string Description => "Closed-book QA and perplexity of the trained model.";

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .Section("multiple_choice", "closed-book multiple choice, options scored by log-likelihood (acc, acc_norm)", new ConfigSchema()
            .Boolean("enabled", "run this evaluation", @default: true))
        .Section("generative", "the EntiGraph paper's few-shot chain-of-thought protocol with answer parsing", GenerativeSettings.Schema())
        .Section("perplexity", "next-token loss on held-out blocks", new ConfigSchema()
            .Boolean("enabled", "run this evaluation", @default: true)
            .Integer("max_blocks", "blocks per text at most; 0: all", @default: 0, min: 0))
        .Artifact("reference_text", "another experiment's tokenize artifact whose validation blocks are general held-out text (the forgetting check); it must share the tokenizer")
        .Integer("batch_size", "sequences per forward pass", @default: 16, min: 1, max: 4096)
        .Unkeyed("batch_size");

    public override IEnumerable<string> Prerequisites(JsonObject config) =>
        config["generative"] is JsonObject generative ? GenerativeSettings.Prerequisites(generative) : [];

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var config = context.Config;
        bool Enabled(string section) => (bool)config[section]!["enabled"]!;
        var generative = GenerativeSettings.From(config["generative"]!.AsObject());
        int batchSize = (int)(long)config["batch_size"]!;
        var result = new JsonObject();

        // An endpoint-only evaluation never touches the trained weights, which may be large.
        bool needsModel = Enabled("multiple_choice") || Enabled("perplexity") || (generative.Enabled && generative.Backend == GenerativeSettings.Local);
        var modelFolder = context.Inputs["train"].File(TrainStage.ModelDirectory);
        if (needsModel)
            TorchRuntime.EnsureLoaded();
        // No no_grad here: grad mode belongs to a thread, and across the awaits below this method may resume on
        // another, leaving a pool thread with gradients off for whatever it runs next (a train stage, say). The
        // scorer and the generator each turn on inference mode around their own forward passes.
        using var model = needsModel ? LlamaCheckpoint.Load(modelFolder) : null;
        if (model is not null)
        {
            model.eval();
            result["model"] = new JsonObject { ["parameters"] = ModelInitializer.ParameterCount(model) };
        }

        List<QuestionRow> questions = [];
        Dictionary<string, ArticleFacts> articles = [];
        if (Enabled("multiple_choice") || generative.Enabled)
            (questions, articles) = await ReadQuestionsAsync(context.Inputs["extract"], cancellationToken);
        var tokenizer = model is null ? null : PretrainedTokenizer.Load(modelFolder);

        if (Enabled("multiple_choice"))
        {
            var titles = articles.ToDictionary(a => a.Key, a => a.Value.Title);
            List<QuestionResult> scored;
            using (var progress = context.Reporter.Progress("evaluate: multiple choice", questions.Count, "questions"))
            {
                scored = MultipleChoice.Score(model!, tokenizer!.Tokenizer, tokenizer.Ids.Bos, questions, titles, batchSize);
                progress.Advance(questions.Count);
            }
            var acc = MeanWithError.Of(scored.Select(r => r.Choice == r.Gold ? 1.0 : 0.0).ToList());
            var accNorm = MeanWithError.Of(scored.Select(r => r.ChoiceNorm == r.Gold ? 1.0 : 0.0).ToList());
            var options = questions.Average(q => q.Options.Count);
            result["multiple_choice"] = new JsonObject
            {
                ["questions"] = scored.Count,
                ["acc"] = Finite(acc.Mean),
                ["acc_stderr"] = Finite(acc.StandardError),
                ["acc_norm"] = Finite(accNorm.Mean),
                ["acc_norm_stderr"] = Finite(accNorm.StandardError),
                ["chance"] = 1 / options,
                ["prompt"] = "Article: {title}\nQuestion: {question}\nAnswer: {option}",
            };
            await ExtractOutput.WriteAsync(context.OutputPath(QuestionsFile), scored, cancellationToken);
            context.Metrics["acc"] = Finite(acc.Mean);
            context.Metrics["acc_norm"] = Finite(accNorm.Mean);
        }

        if (generative.Enabled)
        {
            var summary = generative.Backend == GenerativeSettings.Local
                ? await GenerativeStep.LocalAsync(context, generative, model!, tokenizer!, questions, articles, batchSize, cancellationToken)
                : await GenerativeStep.EndpointAsync(context, generative, questions, articles, cancellationToken);
            result["generative"] = summary;
            context.Metrics["generative_acc"] = summary["acc"]?.DeepClone();
            context.Metrics["generative_acc_all"] = summary["acc_all"]?.DeepClone();
            context.Metrics["generative_unparsed"] = summary["unparsed"]?.DeepClone();
        }

        if (Enabled("perplexity"))
        {
            int maxBlocks = (int)(long)config["perplexity"]!["max_blocks"]!;
            var texts = new JsonObject();
            texts["domain"] = PerplexityOf(model!, context.Inputs["tokenize"], batchSize, maxBlocks);
            if (context.Artifacts.TryGetValue("reference_text", out var reference))
                texts["reference"] = PerplexityOf(model!, reference, batchSize, maxBlocks);
            result["perplexity"] = texts;
            context.Metrics["domain_perplexity"] = texts["domain"]!["perplexity"]?.DeepClone();
        }

        await File.WriteAllTextAsync(context.OutputPath(EvalFile), result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
    }

    private static async Task<(List<QuestionRow>, Dictionary<string, ArticleFacts>)> ReadQuestionsAsync(StageInput extract, CancellationToken cancellationToken)
    {
        var articles = new Dictionary<string, ArticleFacts>();
        await foreach (var document in ParquetRows.ReadAsync<DocumentRow>(extract.File(ExtractOutput.DocumentsFile), cancellationToken))
            articles[document.Id] = ArticleFacts.Of(document);
        var questions = new List<QuestionRow>();
        await foreach (var question in ParquetRows.ReadAsync<QuestionRow>(extract.File(ExtractOutput.QuestionsFile), cancellationToken))
            questions.Add(question);
        if (questions.Count == 0)
            throw new InvalidDataException($"{extract.File(ExtractOutput.QuestionsFile)}: no questions to evaluate; turn multiple_choice and generative off for an experiment without questions");
        return (questions, articles);
    }

    private static JsonObject PerplexityOf(LlamaModel model, StageInput tokenize, int batchSize, int maxBlocks)
    {
        var index = TokenizeIndex.Read(tokenize.File(TokenizeStage.IndexFile));
        var file = tokenize.File(index.ShardFile("val") ?? TokenizeStage.ValidationFile);
        var nll = Perplexity.OfShard(model, TokenShard.Read(file), batchSize, maxBlocks);
        return new JsonObject
        {
            ["experiment"] = tokenize.Manifest.Experiment,
            ["tokens"] = nll.Count,
            ["loss"] = nll.Count > 0 ? nll.Mean : null,
            ["perplexity"] = nll.Count > 0 ? nll.Perplexity : null,
        };
    }

    // JSON has no NaN: an undefined figure (one question's standard error) is written as null.
    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

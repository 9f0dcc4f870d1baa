using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Modeling.Llama;
using EntiGraph.Stages.Extract;
using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.Stages.Tokenize;

namespace EntiGraph.Stages.Evaluate;

/// <summary>
/// The evaluate stage's generative part: builds the backend the configuration asks for, runs the
/// protocol, writes generative.parquet, and says which questions got no answer.
/// </summary>
internal static class GenerativeStep
{
    /// <summary>The stage's own response store, in its cache folder: answers outlive runs and serve the recorded backend.</summary>
    public const string ResponseStoreFile = "responses.sqlite";

    public static async Task<JsonObject> LocalAsync(StageContext context, GenerativeSettings settings, LlamaModel model, PretrainedTokenizer tokenizer,
        List<QuestionRow> questions, Dictionary<string, ArticleFacts> articles, int batchSize, CancellationToken cancellationToken)
    {
        var sampler = new LocalAnswerSampler(model, tokenizer, settings, batchSize);
        var results = await RunAndReportAsync(context, settings, sampler, questions, articles, cancellationToken);
        var summary = GenerativeEvaluation.Summary(results, settings);
        summary["truncated_prompts"] = sampler.TruncatedPrompts;
        if (sampler.TruncatedPrompts > 0)
            context.Reporter.Info($"evaluate: {sampler.TruncatedPrompts} generative prompt(s) were cut from the left to fit the model's {model.Config.MaxPositionEmbeddings} positions");
        return summary;
    }

    public static async Task<JsonObject> EndpointAsync(StageContext context, GenerativeSettings settings,
        List<QuestionRow> questions, Dictionary<string, ArticleFacts> articles, CancellationToken cancellationToken)
    {
        var generatorSettings = settings.Generator!;
        using var store = new ResponseStore(Path.Combine(context.CacheDirectory, ResponseStoreFile));
        if (generatorSettings.Responses is { } shipped)
        {
            var added = store.Import(context.ResolvePath(shipped));
            context.Reporter.Info($"evaluate: imported {added} recorded response(s) from {shipped}");
        }
        using var generator = new Generator(generatorSettings, store, Backends.Create(generatorSettings, context.Reporter), context.Reporter);
        var results = await RunAndReportAsync(context, settings, new EndpointAnswerSampler(generator, settings.Samples), questions, articles, cancellationToken);
        var generation = generator.Ledger.ToJson();
        generation["model"] = generatorSettings.Model;
        if (generatorSettings.Provenance is { } provenance)
            generation["provenance"] = provenance;
        context.Metrics["generative_generation"] = generation;
        return GenerativeEvaluation.Summary(results, settings);
    }

    private static async Task<List<GenerativeResult>> RunAndReportAsync(StageContext context, GenerativeSettings settings, IAnswerSampler sampler,
        List<QuestionRow> questions, Dictionary<string, ArticleFacts> articles, CancellationToken cancellationToken)
    {
        List<GenerativeResult> results;
        using (var progress = context.Reporter.Progress($"evaluate: generative ({settings.Backend})", questions.Count, "questions"))
            results = await GenerativeEvaluation.RunAsync(questions, articles, sampler, settings, progress, cancellationToken);
        await ExtractOutput.WriteAsync(context.OutputPath(EvaluateStage.GenerativeFile), results, cancellationToken);
        var unparsed = results.Where(r => r.Choice is null).Select(r => r.QuestionId).ToList();
        if (unparsed.Count > 0)
        {
            var named = string.Join(", ", unparsed.Take(20)) + (unparsed.Count > 20 ? $" and {unparsed.Count - 20} more" : "");
            context.Reporter.Info($"evaluate: {unparsed.Count} of {results.Count} question(s) got no sample that states an answer (scored wrong in acc_all, left out of acc): {named}");
        }
        return results;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Stages.Evaluate;

namespace EntiGraph.Stages.Compare;

/// <summary>
/// Builds a <see cref="ComparisonRow"/> from an experiment's synthesize, tokenize, train and evaluate artifacts:
/// their manifests' metrics and the evaluate artifact's eval.json. Nothing else is consulted, so a row says only
/// what the store can back up.
/// </summary>
public static class ComparisonReader
{
    /// <summary>The stages whose artifacts a row is read from.</summary>
    public static readonly IReadOnlyList<string> Stages = ["synthesize", "tokenize", "train", "evaluate"];

    public static ComparisonRow Read(string experiment, IReadOnlyDictionary<string, StageInput> artifacts)
    {
        foreach (var stage in Stages)
        {
            if (!artifacts.ContainsKey(stage))
            {
                throw new ArgumentException($"{experiment}: no {stage} artifact to read the comparison from", nameof(artifacts));
            }
        }

        var synthesize = artifacts["synthesize"];
        var tokenize = artifacts["tokenize"];
        var train = artifacts["train"];
        var evaluate = artifacts["evaluate"];
        var steps = RequiredLong(experiment, train, "steps");
        var eval = ReadEval(experiment, evaluate);
        var perplexity = eval["perplexity"] as JsonObject;
        return new ComparisonRow
        {
            Experiment = experiment,
            Method = RequiredString(experiment, synthesize, "method"),
            TrainSteps = steps,
            TrainedTokens = RequiredLong(experiment, train, "tokens"),
            // The untrained base saw none of its mixture, whatever the mixture held.
            SyntheticTokens = steps == 0 ? 0 : SyntheticTokens(experiment, tokenize),
            ValidationLoss = Number(train.Manifest.Metrics, "validation_loss"),
            MultipleChoice = eval["multiple_choice"] is JsonObject choice ? MultipleChoiceOf(choice) : null,
            Generative = eval["generative"] is JsonObject generative ? GenerativeOf(generative) : null,
            DomainPerplexity = perplexity?["domain"] is JsonObject domain ? PerplexityOf(domain) : null,
            ReferencePerplexity = perplexity?["reference"] is JsonObject reference ? PerplexityOf(reference) : null,
            EvaluateKey = evaluate.Manifest.Key,
        };
    }

    private static JsonObject ReadEval(string experiment, StageInput evaluate)
    {
        var path = evaluate.File(EvaluateStage.EvalFile);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{experiment}: the evaluate artifact has no {EvaluateStage.EvalFile} ({path})");
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{experiment}: {path} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{experiment}: {path} is not valid JSON: {e.Message}", e);
        }
    }

    private static long SyntheticTokens(string experiment, StageInput tokenize)
    {
        if (tokenize.Manifest.Metrics["tokens_by_origin"] is not JsonObject byOrigin)
        {
            throw new InvalidDataException(
                $"{experiment}: the tokenize manifest ({ManifestPath(tokenize)}) has no tokens_by_origin metric; rebuild tokenize with this version");
        }

        // A mixture drawn from the domain pool alone has no synthetic origin at all.
        return Long(byOrigin, "synthetic") ?? 0;
    }

    private static MultipleChoiceScores MultipleChoiceOf(JsonObject section) => new(
        Long(section, "questions") ?? 0,
        Number(section, "acc"),
        Number(section, "acc_stderr"),
        Number(section, "acc_norm"),
        Number(section, "acc_norm_stderr"),
        Number(section, "chance"));

    private static GenerativeScores GenerativeOf(JsonObject section) => new(
        Long(section, "questions") ?? 0,
        Long(section, "parsed") ?? 0,
        Long(section, "unparsed") ?? 0,
        Number(section, "acc"),
        Number(section, "acc_stderr"),
        Number(section, "acc_all"),
        Number(section, "acc_all_stderr"));

    private static PerplexityScore PerplexityOf(JsonObject section) => new(
        section["experiment"] is JsonValue name && name.TryGetValue<string>(out var text) ? text : null,
        Long(section, "tokens") ?? 0,
        Number(section, "loss"),
        Number(section, "perplexity"));

    private static string RequiredString(string experiment, StageInput input, string metric) =>
        input.Manifest.Metrics[metric] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw Missing(experiment, input, metric);

    private static long RequiredLong(string experiment, StageInput input, string metric) =>
        Long(input.Manifest.Metrics, metric) ?? throw Missing(experiment, input, metric);

    private static InvalidDataException Missing(string experiment, StageInput input, string metric) =>
        new($"{experiment}: the {input.Manifest.Stage} manifest ({ManifestPath(input)}) has no '{metric}' metric");

    private static string ManifestPath(StageInput input) => input.File(Engine.Store.Manifest.FileName);

    private static long? Long(JsonObject section, string name) =>
        section[name] is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;

    // eval.json writes an undefined figure (the standard error of one question) as null; NaN never reaches a row.
    private static double? Number(JsonObject section, string name) =>
        section[name] is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number) ? number : null;
}

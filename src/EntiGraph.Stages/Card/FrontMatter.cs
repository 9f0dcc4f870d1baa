using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace EntiGraph.Stages.Card;

/// <summary>
/// The YAML metadata at the top of a Hugging Face card, built as data and serialized rather than
/// templated, so that quoting and nesting are always valid YAML; <c>model-index</c> follows the Hub's
/// evaluation-results schema.
/// </summary>
public static class FrontMatter
{
    public static string ForModel(JsonObject facts)
    {
        var metadata = new Dictionary<string, object?>
        {
            ["language"] = Strings(facts["language"]),
            ["license"] = (string?)facts["license"],
            ["library_name"] = "transformers",
            ["pipeline_tag"] = "text-generation",
            ["tags"] = Strings(facts["tags"]),
        };
        if (facts["base_model"]?["id"] is JsonValue baseModel)
            metadata["base_model"] = (string?)baseModel;
        metadata["datasets"] = new List<string> { (string)facts["dataset_name"]! };
        metadata["model-index"] = new List<object>
        {
            new Dictionary<string, object?> { ["name"] = (string?)facts["model_name"], ["results"] = Results(facts) },
        };
        return Serialize(metadata);
    }

    public static string ForDataset(JsonObject facts)
    {
        var rows = (long?)facts["data"]?["synthesis"]?["rows"] ?? 0;
        var metadata = new Dictionary<string, object?>
        {
            ["language"] = Strings(facts["language"]),
            ["license"] = (string?)facts["license"],
            ["task_categories"] = new List<string> { "text-generation" },
            ["tags"] = Strings(facts["tags"]).Where(t => t is not "llama" and not "text-generation").Prepend("synthetic").ToList(),
            ["size_categories"] = new List<string> { SizeCategory(rows) },
            ["pretty_name"] = (string?)facts["dataset_name"],
            ["configs"] = new List<object>
            {
                new Dictionary<string, object?>
                {
                    ["config_name"] = "default",
                    ["data_files"] = new List<object> { new Dictionary<string, object?> { ["split"] = "train", ["path"] = CardStage.DatasetDataFile } },
                },
            },
        };
        return Serialize(metadata);
    }

    private static List<object> Results(JsonObject facts)
    {
        var results = new List<object>();
        var evaluation = facts["evaluation"]!;
        var experiment = (string)facts["experiment"]!;
        var split = (string?)facts["data"]?["formats"]?[0];
        if (evaluation["multiple_choice"] is JsonObject choice)
        {
            results.Add(Result("multiple-choice", "Closed-book multiple choice (option log-likelihood)", $"{experiment} questions", split,
                Metric("accuracy", "acc", choice["acc"]), Metric("accuracy", "acc_norm", choice["acc_norm"])));
        }
        if (evaluation["generative"] is JsonObject generative)
        {
            results.Add(Result("question-answering", "Closed-book QA (few-shot chain of thought)", $"{experiment} questions", split,
                Metric("accuracy", "acc (parsed answers)", generative["acc"]), Metric("accuracy", "acc (all questions)", generative["acc_all"])));
        }
        foreach (var text in evaluation["perplexity"] as JsonArray ?? [])
        {
            if (text?["perplexity"] is null)
                continue;
            results.Add(Result("text-generation", "Language modeling", $"{(string?)text["experiment"]} held-out blocks", null,
                Metric("perplexity", $"{(string?)text["text"]} perplexity", text["perplexity"])));
        }
        return results;
    }

    private static Dictionary<string, object?> Result(string type, string name, string dataset, string? datasetType, params Dictionary<string, object?>[] metrics)
    {
        var data = new Dictionary<string, object?> { ["name"] = dataset, ["type"] = datasetType ?? dataset };
        return new Dictionary<string, object?>
        {
            ["task"] = new Dictionary<string, object?> { ["type"] = type, ["name"] = name },
            ["dataset"] = data,
            ["metrics"] = metrics.Where(m => m["value"] is not null).ToList(),
        };
    }

    // Rounded so the YAML holds the figures a reader compares, not float noise.
    private static Dictionary<string, object?> Metric(string type, string name, JsonNode? value) => new()
    {
        ["type"] = type,
        ["name"] = name,
        ["value"] = value is JsonValue v ? Math.Round((double)v, 4) : null,
    };

    private static string SizeCategory(long rows) => rows switch
    {
        < 1_000 => "n<1K",
        < 10_000 => "1K<n<10K",
        < 100_000 => "10K<n<100K",
        < 1_000_000 => "100K<n<1M",
        _ => "n>1M",
    };

    private static List<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(n => (string)n!).ToList();

    private static string Serialize(object metadata) =>
        new SerializerBuilder().WithIndentedSequences().Build().Serialize(metadata);
}

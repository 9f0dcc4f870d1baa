using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;

namespace EntiGraph.Stages.Card;

/// <summary>The card section: what the Hub needs that no upstream stage knows (name, license), and layout overrides.</summary>
public sealed record CardSettings(
    string? ModelName,
    string? DatasetName,
    string License,
    IReadOnlyList<string> Language,
    IReadOnlyList<string> Tags,
    string? BaseModel,
    string? Template,
    string? DatasetTemplate,
    int SampleRows)
{
    public static ConfigSchema Schema() => new ConfigSchema()
        .String("model_name", "the model's repository name; absent: the experiment's name")
        .String("dataset_name", "the synthetic corpus's repository name; absent: the model name with -corpus")
        .String("license", "license id of the model and corpus (Hub license ids)", @default: "apache-2.0")
        .List("language", "languages of the model (ISO 639-1)", new ConfigField("language", FieldKind.String, "a language code"), @default: ["en"])
        .List("tags", "tags added to those the pipeline derives", new ConfigField("tag", FieldKind.String, "a tag"), @default: [])
        .String("base_model", "the base model's Hub id for the front matter; absent: the base experiment's name")
        .Path("template", "a Scriban template that replaces the default model card layout")
        .Path("dataset_template", "a Scriban template that replaces the default dataset card layout")
        .Integer("sample_rows", "rows of the synthetic corpus shown in the dataset card and written to sample.jsonl", @default: 5, min: 0, max: 1000);

    public static CardSettings From(JsonObject section) => new(
        (string?)section["model_name"],
        (string?)section["dataset_name"],
        (string?)section["license"] ?? "apache-2.0",
        Strings(section["language"]),
        Strings(section["tags"]),
        (string?)section["base_model"],
        (string?)section["template"],
        (string?)section["dataset_template"],
        (int)((long?)section["sample_rows"] ?? 5));

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => (string)n!).ToList() : [];
}

using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;

namespace EntiGraph.Stages.Extract;

/// <summary>The <c>extract:</c> section of an experiment, as resolved (every default filled in).</summary>
public sealed record ExtractSettings(IReadOnlyList<InputSettings> Inputs, string DocumentString)
{
    public static readonly IReadOnlyList<string> DocumentStrings = ["plain", "quality"];

    public static ConfigSchema Schema { get; } = new ConfigSchema()
        .List("inputs", "the download sources to read, each with its format", new ConfigField("input", FieldKind.Section, "one download source to read")
        {
            Section = InputSettings.Schema,
        }, required: true)
        .Choice("document_string", "how a document's text is written: plain, or quality (\"title\", author, year. then the text, as the EntiGraph paper)", DocumentStrings, @default: "plain")
        .Rule(section => section["inputs"] is JsonArray { Count: 0 } ? "inputs: give at least one input" : null);
}

/// <summary>One entry of <c>extract.inputs</c>.</summary>
public sealed record InputSettings(
    string Source,
    string Format,
    string Split,
    string TextField,
    string IdField,
    string TitleField,
    string TextColumn,
    string IdColumn,
    string TitleColumn)
{
    public const string DefaultId = "id";

    public const string DefaultTitle = "title";

    public static ConfigSchema Schema { get; } = new ConfigSchema()
        .String("source", "the name of a download source", required: true)
        .Choice("format", "how its files are read; auto goes by extension", ["auto", .. InputFormats.Names], @default: "auto")
        .String("split", "the split written for this input's questions", @default: "dev")
        .String("text_field", "jsonl: the field holding the text", @default: "text")
        .String("id_field", "jsonl: the field holding the id (without it: <source>-<line>)", @default: DefaultId)
        .String("title_field", "jsonl: the field holding the title, if any", @default: DefaultTitle)
        .String("text_column", "parquet: the column holding the text", @default: "text")
        .String("id_column", "parquet: the column holding the id (without it: <source>-<row>)", @default: DefaultId)
        .String("title_column", "parquet: the column holding the title, if any", @default: DefaultTitle);
}

using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Curate.Quality;

namespace EntiGraph.Stages.Train;

/// <summary>Instruction pairs for supervised fine-tuning, and how they are laid out as text.</summary>
public sealed record SftSettings
{
    public const string Alpaca = "alpaca";
    public const string Chat = "chat";

    public string? Data { get; init; }

    public string Template { get; init; } = Alpaca;

    /// <summary>Examples longer than this many tokens lose the end of their response.</summary>
    public int MaxLength { get; init; } = 256;

    public double ValidationFraction { get; init; } = 0.05;

    public static ConfigSchema Schema() => new ConfigSchema()
        .Path("data", "JSONL of instruction pairs: {\"instruction\", \"input\" (optional), \"output\"} per line")
        .Choice("template", "alpaca: the Alpaca prompt; chat: user and assistant turns", [Alpaca, Chat], @default: Alpaca)
        .Integer("max_length", "tokens per example at most; longer responses are cut", @default: 256, min: 8, max: 1 << 20)
        .Number("validation_fraction", "share of the pairs held out for validation loss", @default: 0.05, min: 0, max: 0.5);

    public static SftSettings From(JsonObject section) => new()
    {
        Data = section["data"] is JsonValue value && value.TryGetValue<string>(out var path) ? path : null,
        Template = SectionValues.String(section, "template", Alpaca),
        MaxLength = SectionValues.ToInt("max_length", SectionValues.Integer(section, "max_length", 256)),
        ValidationFraction = SectionValues.Number(section, "validation_fraction", 0.05),
    };
}

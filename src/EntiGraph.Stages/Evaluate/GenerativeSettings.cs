using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Synthesize;
using EntiGraph.Stages.Synthesize.Generators;

namespace EntiGraph.Stages.Evaluate;

/// <summary>The <c>evaluate.generative</c> section: the few-shot chain-of-thought protocol, and who answers.</summary>
public sealed record GenerativeSettings
{
    public const string Local = "local";
    public const string Endpoint = "endpoint";

    // The generator section's own sampling keys: one set of them (this section's) serves both backends.
    private static readonly string[] GeneratorSamplingKeys = ["temperature", "top_p", "max_tokens", "seed"];

    public bool Enabled { get; init; }

    public string Backend { get; init; } = Local;

    public int Samples { get; init; } = 8;

    public string Selection { get; init; } = SampleSelection.FirstValid;

    public double Temperature { get; init; } = 0.1;

    public double TopP { get; init; } = 1.0;

    public int MaxNewTokens { get; init; } = 300;

    public long Seed { get; init; }

    /// <summary>The endpoint's settings for <see cref="Endpoint"/>, with this section's sampling parameters.</summary>
    public GeneratorSettings? Generator { get; init; }

    public static ConfigSchema Schema() => new ConfigSchema()
        .Boolean("enabled", "run this evaluation", @default: false)
        .Choice("backend", "local: the trained model samples; endpoint: an OpenAI-compatible endpoint (see generator) answers, and its answers are kept in a response store",
            [Local, Endpoint], @default: Local)
        .Integer("samples", "answers sampled per question", @default: 8, min: 1, max: 1024)
        .Choice("selection", "which sample that states an answer is scored: the first (the paper's code) or a seeded random one (the paper's text)",
            SampleSelection.Choices, @default: SampleSelection.FirstValid)
        .Number("temperature", "sampling temperature; 0 is greedy (then every sample is the same locally)", @default: 0.1, min: 0, max: 2)
        .Number("top_p", "nucleus sampling mass", @default: 1.0, min: 0, max: 1)
        .Integer("max_new_tokens", "longest chain of thought, in tokens", @default: 300, min: 1, max: 1 << 20)
        .Integer("seed", "seeds local sampling and random_valid; not sent to endpoints", @default: 0, min: 0)
        .Section("generator", "the endpoint for backend: endpoint, as the synthesize stage's generator section less its sampling keys (temperature, top_p, max_tokens and seed are this section's)",
            EndpointSchema())
        .Rule(s => s["top_p"] is JsonValue p && p.GetValue<double>() <= 0 ? "top_p must be above 0" : null)
        .Rule(s => (string?)s["backend"] == Endpoint && s["generator"]?["model"] is null
            ? "backend: endpoint needs generator.model, the model name the endpoint serves"
            : null);

    public static GenerativeSettings From(JsonObject section)
    {
        var backend = (string)section["backend"]!;
        var settings = new GenerativeSettings
        {
            Enabled = (bool)section["enabled"]!,
            Backend = backend,
            Samples = (int)(long)section["samples"]!,
            Selection = (string)section["selection"]!,
            Temperature = (double)section["temperature"]!,
            TopP = (double)section["top_p"]!,
            MaxNewTokens = (int)(long)section["max_new_tokens"]!,
            Seed = (long)section["seed"]!,
        };
        return backend != Endpoint ? settings : settings with
        {
            // No seed goes to the endpoint: a server that honours one would answer every sample of a
            // question alike. Runs repeat through the response store instead, keyed by sample index.
            Generator = SynthesizeStage.GeneratorSettingsOf(section) with
            {
                Temperature = settings.Temperature,
                TopP = settings.TopP,
                MaxTokens = settings.MaxNewTokens,
                Seed = null,
            },
        };
    }

    /// <summary>What reaching the endpoint needs from outside the checkout, when this section uses one.</summary>
    public static IEnumerable<string> Prerequisites(JsonObject section) =>
        (bool?)section["enabled"] == true && (string?)section["backend"] == Endpoint && section["generator"] is JsonObject generator
            ? GeneratorSettings.Prerequisites(generator)
            : [];

    private static ConfigSchema EndpointSchema()
    {
        var full = GeneratorSettings.Schema();
        var schema = new ConfigSchema();
        foreach (var field in full.Fields.Where(f => !GeneratorSamplingKeys.Contains(f.Name)))
            schema.Add(field);
        foreach (var rule in full.Rules)
            schema.Rule(rule);
        return schema;
    }
}

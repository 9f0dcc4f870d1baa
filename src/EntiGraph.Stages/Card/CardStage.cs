using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Synthesize;
using EntiGraph.Stages.Train;

namespace EntiGraph.Stages.Card;

/// <summary>
/// Renders the Hugging Face model card and the synthetic corpus's dataset card from the upstream manifests,
/// and assembles the two folders ready to publish: model/ (weights, config, tokenizer, README.md) and
/// dataset/ (the corpus as parquet, a sample, README.md).
/// </summary>
public sealed class CardStage : Stage
{
    public const string ModelDirectory = "model";
    public const string DatasetDirectory = "dataset";
    public const string CardFile = "README.md";
    public const string DatasetDataFile = "data/train.parquet";
    public const string SampleFile = "sample.jsonl";

    public override string Name => "card";

    public override int Version => 1;

    public override IReadOnlyList<string> Needs => CardFacts.Stages;

    // Deterministic without randomness: a new seed must not rebuild it.
    public override bool UsesSeed => false;

    // The card's reproducibility table lists every upstream key.
    public override bool NamesInputKeys => true;

    // The built-in layouts are code: editing one rebuilds every card that uses it.
    public override IReadOnlyDictionary<string, string> Versions { get; } = new Dictionary<string, string>
    {
        ["card templates"] = EntiGraph.Engine.Hashing.ContentHash.OfString(CardTemplate.BuiltIn(CardTemplate.ModelCard) + CardTemplate.BuiltIn(CardTemplate.DatasetCard)),
    };

    public override string Description => "Renders the model card and dataset card from every upstream manifest and assembles the model and dataset folders.";

    public override ConfigSchema Schema { get; } = CardSettings.Schema();

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var settings = CardSettings.From(context.Config);
        var facts = CardFacts.Build(context.Experiment.Name, context.Inputs, settings);

        var modelCard = Render(context, settings.Template, CardTemplate.ModelCard, facts, FrontMatter.ForModel(facts));

        var synthesize = context.Inputs["synthesize"];
        var corpus = synthesize.File(SynthesizeStage.OutputFile);
        var sample = await DatasetSample.TakeAsync(corpus, settings.SampleRows, cancellationToken);
        var datasetFacts = facts.DeepClone().AsObject();
        datasetFacts["sample"] = DatasetSample.ToJson(sample);
        datasetFacts["dataset_file"] = DatasetDataFile;
        datasetFacts["sample_file"] = SampleFile;
        datasetFacts["synthesize"] = new JsonObject { ["key"] = synthesize.Manifest.Key, ["content_hash"] = synthesize.Manifest.ContentHash };
        var datasetCard = Render(context, settings.DatasetTemplate, CardTemplate.DatasetCard, datasetFacts, FrontMatter.ForDataset(datasetFacts));

        var train = context.Inputs["train"];
        var modelFolder = train.File(TrainStage.ModelDirectory);
        foreach (var file in Directory.GetFiles(modelFolder).Order(StringComparer.Ordinal))
        {
            // A README.md from upstream would be someone else's card; this stage writes the card.
            if (Path.GetFileName(file) != CardFile)
                PublishFolder.Place(file, context.OutputPath(Path.Combine(ModelDirectory, Path.GetFileName(file))));
        }
        await File.WriteAllTextAsync(context.OutputPath(Path.Combine(ModelDirectory, CardFile)), modelCard, cancellationToken);

        PublishFolder.Place(corpus, context.OutputPath(Path.Combine(DatasetDirectory, DatasetDataFile)));
        await File.WriteAllTextAsync(context.OutputPath(Path.Combine(DatasetDirectory, SampleFile)), DatasetSample.ToJsonLines(sample), cancellationToken);
        await File.WriteAllTextAsync(context.OutputPath(Path.Combine(DatasetDirectory, CardFile)), datasetCard, cancellationToken);

        context.Metrics["model_files"] = Directory.GetFiles(Path.Combine(context.OutputDirectory, ModelDirectory)).Length;
        context.Metrics["dataset_rows"] = facts["data"]!["synthesis"]!["rows"]?.DeepClone();
        context.Metrics["sample_rows"] = sample.Count;
        context.Metrics["methods"] = new JsonArray(facts["methods"]!.AsArray().Select(m => (JsonNode?)(string?)m!["name"]).ToArray());
    }

    private static string Render(StageContext context, string? overridePath, string builtIn, JsonObject facts, string frontMatter)
    {
        var model = facts.DeepClone().AsObject();
        model["front_matter"] = frontMatter;
        if (overridePath is null)
            return CardTemplate.Render(CardTemplate.BuiltIn(builtIn), builtIn, model);
        var path = context.ResolvePath(overridePath);
        if (!File.Exists(path))
            throw new FileNotFoundException($"card template {path} does not exist (card.{(builtIn == CardTemplate.ModelCard ? "template" : "dataset_template")})", path);
        return CardTemplate.Render(File.ReadAllText(path), path, model);
    }
}

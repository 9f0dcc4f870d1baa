using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EntiGraph.Engine.Running;
using EntiGraph.Stages.Card;
using EntiGraph.Stages.Evaluate;
using EntiGraph.Stages.Train;
using EntiGraph.TestKit;
using YamlDotNet.RepresentationModel;

namespace EntiGraph.Stages.Tests.Card;

public sealed partial class CardStageTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    [Fact]
    public void The_model_card_is_pinned()
    {
        Snapshot.Verify(this, Read(CardStage.ModelDirectory, CardStage.CardFile), "md", ScrubCard);
    }

    [Fact]
    public void The_dataset_card_is_pinned()
    {
        Snapshot.Verify(this, Read(CardStage.DatasetDirectory, CardStage.CardFile), "md", ScrubCard);
    }

    [Fact]
    public void The_dataset_sample_is_pinned()
    {
        Snapshot.Verify(this, Read(CardStage.DatasetDirectory, CardStage.SampleFile), "jsonl");
    }

    [Fact]
    public void The_model_folder_holds_what_the_hub_loads_and_the_trained_weights_unchanged()
    {
        var model = Path.Combine(fixture.Directory, CardStage.ModelDirectory);
        Assert.Equal(
            ["README.md", "config.json", "generation_config.json", "merges.txt", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "vocab.json"],
            Directory.GetFiles(model).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var train = fixture.Workspace.Store.CurrentManifest(CardFixture.Name, "train")!;
        var trainedWeights = Path.Combine(fixture.Workspace.Store.EntryDirectory("train", train.Key), TrainStage.ModelDirectory, "model.safetensors");
        Assert.Equal(File.ReadAllBytes(trainedWeights), File.ReadAllBytes(Path.Combine(model, "model.safetensors")));
    }

    [Fact]
    public void The_front_matter_is_yaml_whose_model_index_holds_the_evaluated_accuracy()
    {
        var card = Read(CardStage.ModelDirectory, CardStage.CardFile);
        var match = FrontMatterBlock().Match(card);
        Assert.True(match.Success, "the card starts with a --- YAML block ---");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(match.Groups[1].Value));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;

        Assert.Equal("cc-by-4.0", root["license"].ToString());
        Assert.Equal("text-generation", root["pipeline_tag"].ToString());
        var result = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)root["model-index"])[0])["results"])[0];
        var accuracy = (YamlMappingNode)((YamlSequenceNode)result["metrics"])[0];
        var evaluate = fixture.Workspace.Store.CurrentManifest(CardFixture.Name, "evaluate")!;
        var eval = JsonNode.Parse(File.ReadAllText(Path.Combine(fixture.Workspace.Store.EntryDirectory("evaluate", evaluate.Key), EvaluateStage.EvalFile)))!;
        Assert.Equal("acc", accuracy["name"].ToString());
        Assert.Equal(Math.Round((double)eval["multiple_choice"]!["acc"]!, 4), double.Parse(accuracy["value"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_store_key_behind_the_card_is_in_it()
    {
        var card = Read(CardStage.ModelDirectory, CardStage.CardFile);
        foreach (var stage in CardFacts.Stages)
            Assert.Contains(fixture.Workspace.Store.CurrentManifest(CardFixture.Name, stage)!.Key, card);
    }

    [Fact]
    public async Task An_experiments_template_replaces_the_layout_and_sees_the_same_facts()
    {
        using var workspace = new TempWorkspace();
        CardFixture.WriteData(workspace, "custom");
        workspace.WriteFile("experiments/custom/card.sbn", "# {{ model_name }}\n{{ count model.parameters }} parameters; acc {{ percent evaluation.multiple_choice.acc }}%\n");
        workspace.WriteExperiment("custom", CardFixture.Yaml("  template: card.sbn\n  model_name: my-model"));
        var runner = new Runner(fixture.Pipeline, workspace.Store, SilentReporter.Instance);

        var manifest = await runner.RunAsync(workspace.Load("custom", fixture.Pipeline), "card", new RunOptions());

        var text = File.ReadAllText(Path.Combine(workspace.Store.EntryDirectory("card", manifest.Key), CardStage.ModelDirectory, CardStage.CardFile));
        Assert.Matches(@"^# my-model\n[0-9,]+ parameters; acc [0-9]+\.[0-9]%\n$", text);

        // A fact that does not exist is an error naming the template's file and line, and publishes nothing.
        workspace.WriteFile("experiments/custom/card.sbn", "# {{ model_name }}\n\n{{ evaluation.accuracy_of_everything }}\n");
        var error = await Assert.ThrowsAsync<StageFailedException>(() => runner.RunAsync(workspace.Load("custom", fixture.Pipeline), "card", new RunOptions()));
        Assert.Contains("card.sbn(3,", error.Message);
        Assert.Single(workspace.Store.Entries(), e => e.Stage == "card");
    }

    [Fact]
    public void A_template_that_does_not_parse_is_reported_with_its_line()
    {
        var error = Assert.Throws<InvalidDataException>(() => CardTemplate.Render("line one\n{{ for x in }}\n", "broken.sbn", []));
        Assert.Contains("broken.sbn(2,", error.Message);
    }

    [Fact]
    public void Dataset_samples_are_the_centres_of_equal_slices()
    {
        var ids = Enumerable.Range(0, 10).ToList();
        Assert.Equal([1, 3, 6, 8], DatasetSample.EvenlySpaced(ids, 4));
        Assert.Equal([5], DatasetSample.EvenlySpaced(ids, 1));
        Assert.Equal(ids, DatasetSample.EvenlySpaced(ids, 20));
        Assert.Empty(DatasetSample.EvenlySpaced(ids, 0));
    }

    // The code version changes with every commit and the build date with every day; keys and metrics stay.
    public static string ScrubCard(string text) =>
        BuildDate().Replace(CodeVersion().Replace(text, "code version `{code version}`"), "on {date}");

    private string Read(string folder, string file) => File.ReadAllText(Path.Combine(fixture.Directory, folder, file));

    [GeneratedRegex(@"\A---\n(.*?)\n---\n", RegexOptions.Singleline)]
    private static partial Regex FrontMatterBlock();

    [GeneratedRegex(@"code version `[^`]+`")]
    private static partial Regex CodeVersion();

    [GeneratedRegex(@"on \d{4}-\d{2}-\d{2}\b")]
    private static partial Regex BuildDate();
}

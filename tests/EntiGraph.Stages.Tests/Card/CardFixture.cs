using EntiGraph.Engine.Running;
using EntiGraph.Engine.Store;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Card;

/// <summary>
/// One tiny experiment built through the card stage once for all card tests: the bundled eight articles
/// and their questions, the raw method (no generator), a 300-token BPE and a one-layer model of width 16.
/// </summary>
public sealed class CardFixture : IAsyncLifetime
{
    public const string Name = "card-tiny";

    public TempWorkspace Workspace { get; } = new();

    public Pipeline Pipeline { get; } = StandardPipeline.Create();

    public Manifest Card { get; private set; } = null!;

    public string Directory => Workspace.Store.EntryDirectory("card", Card.Key);

    public static string Yaml(string extraCard = "") => $"""
        seed: 3
        download:
          sources:
            - name: quality
              path: data/quality.jsonl
        extract:
          inputs:
            - source: quality
              format: quality
              split: dev
          document_string: quality
        synthesize:
          method: raw
          raw:
            epochs: 1
        card:
          license: cc-by-4.0
        {extraCard}
        tokenize:
          vocab_size: 300
          block_size: 128           # the longest question and option must fit the context to be scored
        train:
          model:
            hidden_size: 16
            intermediate_size: 32
            num_hidden_layers: 1
            num_attention_heads: 2
            num_key_value_heads: 1
          batch_size: 2
          max_steps: 4
        """;

    public async Task InitializeAsync()
    {
        WriteData(Workspace, Name);
        Workspace.WriteExperiment(Name, Yaml());
        var runner = new Runner(Pipeline, Workspace.Store, SilentReporter.Instance);
        Card = await runner.RunAsync(Workspace.Load(Name, Pipeline), "card", new RunOptions());
    }

    public static void WriteData(TempWorkspace workspace, string experiment) =>
        workspace.WriteFile($"experiments/{experiment}/data/quality.jsonl",
            File.ReadAllText(Path.Combine(Repository.Root(), "experiments", "entigraph-tiny", "data", "quality.jsonl")));

    public Task DisposeAsync()
    {
        Workspace.Dispose();
        return Task.CompletedTask;
    }
}

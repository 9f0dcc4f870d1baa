using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests;

public sealed class StandardPipelineTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly Pipeline _pipeline = StandardPipeline.Create();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Stages_come_in_pipeline_order()
    {
        Assert.Equal(
            ["download", "extract", "synthesize", "curate", "tokenize", "train", "evaluate", "card"],
            _pipeline.Stages.Select(s => s.Name));
        Assert.Equal(_pipeline.Stages.Select(s => s.Name), _pipeline.Upstream("card").Select(s => s.Name));
    }

    [Theory]
    [InlineData("dclm-tiny")]
    [InlineData("entigraph-tiny")]
    [InlineData("entigraph-tiny-base")]
    [InlineData("entigraph-tiny-raw")]
    [InlineData("entigraph-tiny-rephrase")]
    [InlineData("tiny-base")]
    [InlineData("entigraph-quality-llama3-8b")]
    public void Every_bundled_experiment_loads(string name)
    {
        var experiment = ExperimentLoader.Load(Path.Combine(Repository.Root(), "experiments", name), _pipeline);

        Assert.Equal(name, experiment.Name);
        Assert.Equal(_pipeline.Stages.Count, experiment.Sections.Count);
    }

    [Fact]
    public void Every_experiment_folder_is_covered_above()
    {
        var folders = Directory.GetDirectories(Path.Combine(Repository.Root(), "experiments")).Select(Path.GetFileName).Order();

        Assert.Equal(["dclm-tiny", "entigraph-quality-llama3-8b", "entigraph-tiny", "entigraph-tiny-base", "entigraph-tiny-raw", "entigraph-tiny-rephrase", "tiny-base"], folders);
    }

    [Fact]
    public async Task A_stage_not_built_yet_fails_clearly_and_publishes_nothing()
    {
        var experiment = ExperimentLoader.Load(WriteExperiment(), _pipeline);
        var runner = new Runner(_pipeline, _workspace.Store, SilentReporter.Instance);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => runner.RunAsync(experiment, "card", new RunOptions()));

        Assert.Equal("card", error.Stage);
        Assert.IsType<StageNotImplementedException>(error.InnerException);
        Assert.Contains("stage 'card' is not implemented in this version of EntiGraph", error.Message);
        Assert.Equal(["curate", "download", "evaluate", "extract", "synthesize", "tokenize", "train"], _workspace.Store.Entries().Select(e => e.Stage).Order());
        Assert.Empty(Directory.GetDirectories(_workspace.Store.TemporaryDirectory));
    }

    [Theory]
    [InlineData("card")]
    public async Task Every_stage_not_built_yet_names_itself(string name)
    {
        var stage = _pipeline[name];
        var experiment = ExperimentLoader.Load(WriteExperiment(), _pipeline);
        var context = new StageContext
        {
            Experiment = experiment,
            Stage = stage,
            Config = experiment.Section(name).Config,
            Seed = experiment.Seed,
            OutputDirectory = Path.Combine(_workspace.Root, "out"),
            Inputs = new Dictionary<string, StageInput>(),
            Artifacts = new Dictionary<string, StageInput>(),
            Reporter = SilentReporter.Instance,
            CacheDirectory = Path.Combine(_workspace.Root, "cache"),
        };

        var error = await Assert.ThrowsAsync<StageNotImplementedException>(() => stage.RunAsync(context, CancellationToken.None));

        Assert.StartsWith($"stage '{name}' is not implemented", error.Message);
    }

    private string WriteExperiment()
    {
        var lines = Enumerable.Range(0, 60).Select(i => $"Note {i}: the ferry crossed the lake {i % 5} times before the ice came.");
        _workspace.WriteFile("experiments/tiny/notes.txt", "# Notes\n" + string.Join("\n", lines) + "\n");
        return _workspace.WriteExperiment("tiny", """
            seed: 1
            download:
              sources:
                - name: notes
                  path: notes.txt
            extract:
              inputs:
                - source: notes
            synthesize:
              method: raw
            evaluate:
              multiple_choice:
                enabled: false          # plain notes have no questions
            """ + "\n" + TinyTraining.Sections(steps: 3));
    }
}
